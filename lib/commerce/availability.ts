import type { PrismaClient } from '@/lib/db/client';
import { CommerceError } from './errors';
import { centsFromDecimal, formatMoney } from './money';

export interface DeliveryDays {
  min: number;
  max: number;
}

export interface WarehouseAvailability {
  code: string;
  name: string;
  region: string;
  onHand: number;
  reserved: number;
  available: number;
  deliveryDays: DeliveryDays;
}

export interface Availability {
  sku: string;
  name: string;
  /** List price per unit, a decimal string in the shop currency (before member level or coupon). */
  price: string;
  status: 'active' | 'discontinued';
  /** Sum of available over all warehouses. */
  totalAvailable: number;
  /** In the merchant's warehouse order. */
  warehouses: WarehouseAvailability[];
  /** Fastest min and slowest max over warehouses that have stock available; null when none has. */
  deliveryWindow: DeliveryDays | null;
}

/** Stock of one product per warehouse. Unknown SKU → not_found. */
export async function getAvailability(db: PrismaClient, sku: string): Promise<Availability> {
  const product = await db.product.findUnique({
    where: { sku },
    select: {
      sku: true,
      name: true,
      price: true,
      status: true,
      stock: { include: { warehouse: true } },
    },
  });
  if (!product) throw new CommerceError('not_found', `No product with SKU "${sku}".`);

  const warehouses = product.stock
    .slice()
    .sort((a, b) => a.warehouse.position - b.warehouse.position || a.warehouseCode.localeCompare(b.warehouseCode))
    .map(
      (s): WarehouseAvailability => ({
        code: s.warehouse.code,
        name: s.warehouse.name,
        region: s.warehouse.region,
        onHand: s.onHand,
        reserved: s.reserved,
        available: Math.max(0, s.onHand - s.reserved),
        deliveryDays: { min: s.warehouse.deliveryDaysMin, max: s.warehouse.deliveryDaysMax },
      }),
    );
  const stocked = warehouses.filter((w) => w.available > 0);
  return {
    sku: product.sku,
    name: product.name,
    price: formatMoney(centsFromDecimal(product.price)),
    status: product.status,
    totalAvailable: warehouses.reduce((sum, w) => sum + w.available, 0),
    warehouses,
    deliveryWindow: stocked.length
      ? {
          min: Math.min(...stocked.map((w) => w.deliveryDays.min)),
          max: Math.max(...stocked.map((w) => w.deliveryDays.max)),
        }
      : null,
  };
}
