import type { PrismaClient } from '@/lib/db/client';
import { generateDemoStore } from '@/lib/store/demo';
import type { StoreFile } from '@/lib/store/format';

/** A small but complete demo store, quick to import in tests. */
export function smallStore(): StoreFile {
  return generateDemoStore({ products: 30, customers: 12, orders: 40 });
}

/** Rows in every store table, to prove that a failed import wrote nothing. */
export async function countStoreRows(db: PrismaClient): Promise<Record<string, number>> {
  const [settings, warehouses, levels, products, stock, coupons, customers, orders, items, shipments, events, reservations] =
    await Promise.all([
      db.storeSettings.count(),
      db.warehouse.count(),
      db.memberLevel.count(),
      db.product.count(),
      db.stock.count(),
      db.coupon.count(),
      db.customer.count(),
      db.order.count(),
      db.orderItem.count(),
      db.shipment.count(),
      db.shipmentEvent.count(),
      db.stockReservation.count(),
    ]);
  return { settings, warehouses, levels, products, stock, coupons, customers, orders, items, shipments, events, reservations };
}

export const EMPTY_COUNTS = {
  settings: 0,
  warehouses: 0,
  levels: 0,
  products: 0,
  stock: 0,
  coupons: 0,
  customers: 0,
  orders: 0,
  items: 0,
  shipments: 0,
  events: 0,
  reservations: 0,
};

/** A deep copy as plain JSON, to be vandalised with setPath (wrong types included). */
export function jsonCopy(file: StoreFile): unknown {
  return JSON.parse(JSON.stringify(file));
}

export function getPath(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) throw new Error(`no ${String(key)} in path ${path.join('.')}`);
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function setPath(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  const parent = getPath(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (typeof parent !== 'object' || parent === null || key === undefined) throw new Error(`cannot set ${path.join('.')}`);
  (parent as Record<string | number, unknown>)[key] = value;
}
