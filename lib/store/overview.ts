import type { PrismaClient } from '@/lib/db/client';

export interface StoreOverview {
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  counts: { products: number; warehouses: number; customers: number; orders: number; coupons: number };
}

/** What the start page shows: which store is loaded and how big it is. Null before any store is imported. */
export async function getStoreOverview(db: PrismaClient): Promise<StoreOverview | null> {
  const settings = await db.storeSettings.findFirst();
  if (!settings) return null;
  const [products, warehouses, customers, orders, coupons] = await Promise.all([
    db.product.count(),
    db.warehouse.count(),
    db.customer.count(),
    db.order.count(),
    db.coupon.count(),
  ]);
  const { name, currency, locale, timezone } = settings;
  return { name, currency, locale, timezone, counts: { products, warehouses, customers, orders, coupons } };
}
