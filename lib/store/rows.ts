import { formatMoney, formatPercent, parseMoney, parsePercent } from '@/lib/commerce/money';
import { couponKey, productSearchText, skuKey, trackingKey } from '@/lib/commerce/normalize';
import type {
  CouponRecord,
  CouponType,
  CustomerRecord,
  MemberLevelRecord,
  OrderRecord,
  OrderStatus,
  ProductRecord,
  ProductStatus,
  ShipmentStatus,
  WarehouseRecord,
} from './format';
import { parseDate } from './time';

/**
 * Store-file records → database rows, with every derived column (keys, search text, positions,
 * lines) filled here and only here: the importer and the bulk builder both write these rows.
 * Money goes to the database as canonical decimal strings, never through a float.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface WarehouseRow {
  code: string;
  name: string;
  region: string;
  deliveryDaysMin: number;
  deliveryDaysMax: number;
  position: number;
}

export interface MemberLevelRow {
  code: string;
  name: string;
  discountPercent: string;
  position: number;
}

export interface ProductRow {
  sku: string;
  name: string;
  aliases: string[];
  description: string;
  category: string;
  attributes: JsonObject;
  price: string;
  status: ProductStatus;
  skuKey: string;
  searchText: string;
}

export interface StockRow {
  sku: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
}

export interface CouponRow {
  code: string;
  codeKey: string;
  type: CouponType;
  value: string;
  minSpend: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  usageLimit: number | null;
  timesUsed: number;
  appliesToSkus: string[];
  appliesToCategories: string[];
}

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  memberLevelCode: string | null;
}

export interface OrderRow {
  id: string;
  customerId: string | null;
  status: OrderStatus;
  placedAt: Date;
  couponCode: string | null;
  shippingFee: string;
  total: string;
  shippingAddress: JsonObject | null;
}

export interface OrderItemRow {
  orderId: string;
  line: number;
  sku: string;
  quantity: number;
  unitPrice: string;
  discount: string;
}

export interface ShipmentRow {
  orderId: string;
  line: number;
  carrier: string;
  trackingNumber: string;
  trackingKey: string;
  status: ShipmentStatus;
  estimatedDelivery: Date | null;
}

/** Events point at their shipment by (orderId, line) until the shipment has a database id. */
export interface ShipmentEventRow {
  orderId: string;
  shipmentLine: number;
  at: Date;
  location: string | null;
  description: string;
}

export interface ReservationRow {
  orderId: string;
  sku: string;
  warehouseCode: string;
  quantity: number;
}

const money = (value: string): string => formatMoney(parseMoney(value));

export function warehouseRow(warehouse: WarehouseRecord, position: number): WarehouseRow {
  return {
    code: warehouse.code,
    name: warehouse.name,
    region: warehouse.region,
    deliveryDaysMin: warehouse.deliveryDays.min,
    deliveryDaysMax: warehouse.deliveryDays.max,
    position,
  };
}

export function memberLevelRow(level: MemberLevelRecord, position: number): MemberLevelRow {
  return { code: level.code, name: level.name, discountPercent: formatPercent(parsePercent(level.discountPercent)), position };
}

export function productRow(product: ProductRecord): ProductRow {
  const aliases = product.aliases ?? [];
  return {
    sku: product.sku,
    name: product.name,
    aliases,
    description: product.description ?? '',
    category: product.category,
    attributes: (product.attributes ?? {}) as JsonObject,
    price: money(product.price),
    status: product.status,
    skuKey: skuKey(product.sku),
    searchText: productSearchText({ sku: product.sku, name: product.name, aliases }),
  };
}

/** One row per warehouse the product lists, in the store's warehouse order; reserved is filled by StockLedger. */
export function stockRows(product: ProductRecord, warehouseOrder: readonly string[]): StockRow[] {
  return warehouseOrder
    .filter((code) => product.stock[code] !== undefined)
    .map((code) => ({ sku: product.sku, warehouseCode: code, onHand: product.stock[code] ?? 0, reserved: 0 }));
}

export function couponRow(coupon: CouponRecord): CouponRow {
  return {
    code: coupon.code,
    codeKey: couponKey(coupon.code),
    type: coupon.type,
    value: money(coupon.value),
    minSpend: coupon.minSpend == null ? null : money(coupon.minSpend),
    validFrom: coupon.validFrom == null ? null : new Date(coupon.validFrom),
    validUntil: coupon.validUntil == null ? null : new Date(coupon.validUntil),
    usageLimit: coupon.usageLimit ?? null,
    timesUsed: coupon.timesUsed ?? 0,
    appliesToSkus: coupon.appliesTo?.skus ?? [],
    appliesToCategories: coupon.appliesTo?.categories ?? [],
  };
}

export function customerRow(customer: CustomerRecord): CustomerRow {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    memberLevelCode: customer.memberLevel ?? null,
  };
}

/**
 * An order and everything under it. `couponCodes` maps couponKey → the coupon's own spelling, so
 * an order that says "save50" is stored against "SAVE50" (codes match case-insensitively).
 */
export function orderRows(
  order: OrderRecord,
  couponCodes: ReadonlyMap<string, string>,
): { order: OrderRow; items: OrderItemRow[]; shipments: ShipmentRow[]; events: ShipmentEventRow[] } {
  const address = order.shippingAddress;
  const shipments = order.shipments ?? [];
  return {
    order: {
      id: order.id,
      customerId: order.customerId ?? null,
      status: order.status,
      placedAt: new Date(order.placedAt),
      couponCode: order.couponCode == null ? null : (couponCodes.get(couponKey(order.couponCode)) ?? order.couponCode),
      shippingFee: money(order.shippingFee),
      total: money(order.total),
      shippingAddress: address
        ? {
            name: address.name,
            phone: address.phone,
            line1: address.line1,
            ...(address.line2 == null ? {} : { line2: address.line2 }),
            city: address.city,
            region: address.region,
            postalCode: address.postalCode,
            country: address.country,
          }
        : null,
    },
    items: order.items.map((item, line) => ({
      orderId: order.id,
      line,
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice),
      discount: money(item.discount),
    })),
    shipments: shipments.map((shipment, line) => ({
      orderId: order.id,
      line,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      trackingKey: trackingKey(shipment.trackingNumber),
      status: shipment.status,
      estimatedDelivery: shipment.estimatedDelivery == null ? null : parseDate(shipment.estimatedDelivery),
    })),
    events: shipments.flatMap((shipment, line) =>
      (shipment.events ?? []).map((event) => ({
        orderId: order.id,
        shipmentLine: line,
        at: new Date(event.at),
        location: event.location ?? null,
        description: event.description,
      })),
    ),
  };
}

/** Open orders reserve in this order: first come, first served. */
export function compareOrdersByPlacement(a: { id: string; placedAt: string }, b: { id: string; placedAt: string }): number {
  return Date.parse(a.placedAt) - Date.parse(b.placedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * On-hand and reserved units per product and warehouse while a store is being written. Open orders
 * reserve from the warehouse with the most available units first, split across warehouses when one
 * is not enough, and never beyond what is on hand (a shortfall is capped, as a real shop would
 * have to back-order it, rather than failing the import).
 */
export class StockLedger {
  private readonly stock = new Map<string, StockRow[]>();

  constructor(private readonly warehouseOrder: readonly string[]) {}

  addProduct(product: ProductRecord): void {
    this.stock.set(product.sku, stockRows(product, this.warehouseOrder));
  }

  reserve(orderId: string, sku: string, quantity: number): ReservationRow[] {
    const rows = this.stock.get(sku) ?? [];
    const reservations: ReservationRow[] = [];
    let remaining = quantity;
    while (remaining > 0) {
      let best: StockRow | undefined;
      for (const row of rows) {
        if (row.onHand - row.reserved > (best ? best.onHand - best.reserved : 0)) best = row;
      }
      if (!best) break;
      const take = Math.min(remaining, best.onHand - best.reserved);
      best.reserved += take;
      remaining -= take;
      reservations.push({ orderId, sku, warehouseCode: best.warehouseCode, quantity: take });
    }
    return reservations;
  }

  reserveOrder(order: OrderRecord): ReservationRow[] {
    return order.items.flatMap((item) => this.reserve(order.id, item.sku, item.quantity));
  }

  rowsFor(sku: string): StockRow[] {
    return this.stock.get(sku) ?? [];
  }

  allRows(): StockRow[] {
    return [...this.stock.values()].flat();
  }
}
