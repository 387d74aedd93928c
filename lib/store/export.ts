import { centsFromDecimal, formatMoney, formatPercent, parsePercent } from '@/lib/commerce/money';
import type { PrismaClient } from '@/lib/db/generated/client';
import type { AddressRecord, OrderRecord, ProductRecord, StoreFile } from './format';
import type { JsonObject } from './rows';
import { formatDate, formatTimestamp } from './time';

/**
 * The database → the store file, in a fixed order so two exports of the same data are identical:
 * warehouses and member levels as the merchant listed them, products by SKU, customers by id,
 * orders by placedAt then id, lines in their original order, events by time. Stock is on-hand
 * (reservations are rebuilt from the open orders on import).
 */
export class NoStoreError extends Error {
  constructor() {
    super('The database has no store to export. Import one with `npm run db:import -- store.json` or `npm run db:seed`.');
    this.name = 'NoStoreError';
  }
}

const money = (value: { toFixed(digits: number): string }): string => formatMoney(centsFromDecimal(value));
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function exportStore(db: PrismaClient): Promise<StoreFile> {
  const settings = await db.storeSettings.findUnique({ where: { id: 1 } });
  if (!settings) throw new NoStoreError();
  const timeZone = settings.timezone;
  const timestamp = (date: Date): string => formatTimestamp(date, timeZone);

  const [warehouses, levels, products, stock, coupons, customers, orders, items, shipments, events] = await Promise.all([
    db.warehouse.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
    db.memberLevel.findMany({ orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
    db.product.findMany({ orderBy: { sku: 'asc' } }),
    db.stock.findMany(),
    db.coupon.findMany({ orderBy: { code: 'asc' } }),
    db.customer.findMany({ orderBy: { id: 'asc' } }),
    db.order.findMany({ orderBy: [{ placedAt: 'asc' }, { id: 'asc' }] }),
    db.orderItem.findMany({ orderBy: [{ orderId: 'asc' }, { line: 'asc' }] }),
    db.shipment.findMany({ orderBy: [{ orderId: 'asc' }, { line: 'asc' }] }),
    db.shipmentEvent.findMany({ orderBy: [{ shipmentId: 'asc' }, { at: 'asc' }, { id: 'asc' }] }),
  ]);

  const warehousePosition = new Map(warehouses.map((warehouse, index) => [warehouse.code, index]));
  const stockBySku = groupBy(stock, (row) => row.sku);
  const itemsByOrder = groupBy(items, (row) => row.orderId);
  const shipmentsByOrder = groupBy(shipments, (row) => row.orderId);
  const eventsByShipment = groupBy(events, (row) => row.shipmentId);

  // Database collation may differ from JavaScript's; sort here so the order is the same everywhere.
  products.sort((a, b) => compareText(a.sku, b.sku));
  customers.sort((a, b) => compareText(a.id, b.id));
  coupons.sort((a, b) => compareText(a.code, b.code));
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime() || compareText(a.id, b.id));

  return {
    store: { name: settings.name, currency: settings.currency, locale: settings.locale, timezone: settings.timezone },
    warehouses: warehouses.map((warehouse) => ({
      code: warehouse.code,
      name: warehouse.name,
      region: warehouse.region,
      deliveryDays: { min: warehouse.deliveryDaysMin, max: warehouse.deliveryDaysMax },
    })),
    memberLevels: levels.map((level) => ({
      code: level.code,
      name: level.name,
      discountPercent: formatPercent(parsePercent(level.discountPercent.toFixed(2))),
    })),
    products: products.map((product): ProductRecord => {
      const productStock: Record<string, number> = {};
      const rows = (stockBySku.get(product.sku) ?? []).sort(
        (a, b) => (warehousePosition.get(a.warehouseCode) ?? 0) - (warehousePosition.get(b.warehouseCode) ?? 0),
      );
      for (const row of rows) productStock[row.warehouseCode] = row.onHand;
      return {
        sku: product.sku,
        name: product.name,
        aliases: product.aliases,
        description: product.description,
        category: product.category,
        price: money(product.price),
        status: product.status,
        attributes: product.attributes as JsonObject,
        stock: productStock,
      };
    }),
    coupons: coupons.map((coupon) => ({
      code: coupon.code,
      type: coupon.type,
      value: money(coupon.value),
      minSpend: coupon.minSpend === null ? null : money(coupon.minSpend),
      validFrom: coupon.validFrom === null ? null : timestamp(coupon.validFrom),
      validUntil: coupon.validUntil === null ? null : timestamp(coupon.validUntil),
      usageLimit: coupon.usageLimit,
      timesUsed: coupon.timesUsed,
      appliesTo: { skus: coupon.appliesToSkus, categories: coupon.appliesToCategories },
    })),
    customers: customers.map((customer) => ({
      id: customer.id,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
      memberLevel: customer.memberLevelCode,
    })),
    orders: orders.map(
      (order): OrderRecord => ({
        id: order.id,
        customerId: order.customerId,
        status: order.status,
        placedAt: timestamp(order.placedAt),
        items: (itemsByOrder.get(order.id) ?? []).map((item) => ({
          sku: item.sku,
          quantity: item.quantity,
          unitPrice: money(item.unitPrice),
          discount: money(item.discount),
        })),
        couponCode: order.couponCode,
        shippingFee: money(order.shippingFee),
        total: money(order.total),
        shippingAddress: exportAddress(order.shippingAddress),
        shipments: (shipmentsByOrder.get(order.id) ?? []).map((shipment) => ({
          carrier: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          status: shipment.status,
          estimatedDelivery: shipment.estimatedDelivery === null ? null : formatDate(shipment.estimatedDelivery),
          events: (eventsByShipment.get(shipment.id) ?? []).map((event) => ({
            at: timestamp(event.at),
            location: event.location,
            description: event.description,
          })),
        })),
      }),
    ),
  };
}

/** Rebuilt field by field so the keys come out in the contract's order, not JSONB's. */
function exportAddress(value: unknown): AddressRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const address = value as Record<string, unknown>;
  const field = (key: string): string => (typeof address[key] === 'string' ? address[key] : '');
  return {
    name: field('name'),
    phone: field('phone'),
    line1: field('line1'),
    ...(typeof address.line2 === 'string' ? { line2: address.line2 } : {}),
    city: field('city'),
    region: field('region'),
    postalCode: field('postalCode'),
    country: field('country'),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | number): Map<string | number, T[]> {
  const groups = new Map<string | number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
