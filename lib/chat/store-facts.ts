import type { StoreFacts } from '@/lib/ai/offline/types';
import type { Shopper } from '@/lib/auth/shopper';
import { getCustomerProfile } from '@/lib/commerce';
import type { PrismaClient } from '@/lib/db/client';

/**
 * The store and shopper facts every turn's instructions carry (for any model, and read by the
 * built-in engine), and the store's time zone for the instructions' date line.
 */
export async function loadStoreFacts(db: PrismaClient, shopper: Shopper): Promise<{ facts: StoreFacts; timezone: string }> {
  const [store, levels, warehouses, profile] = await Promise.all([
    db.storeSettings.findUnique({ where: { id: 1 }, select: { name: true, currency: true, locale: true, timezone: true } }),
    db.memberLevel.findMany({ orderBy: { position: 'asc' }, select: { code: true, name: true, discountPercent: true } }),
    db.warehouse.findMany({ orderBy: { position: 'asc' }, select: { code: true, name: true, region: true } }),
    shopper.kind === 'customer' ? getCustomerProfile(db, shopper.customerId) : null,
  ]);
  const facts: StoreFacts = {
    storeName: store?.name ?? 'our shop',
    currency: store?.currency ?? 'CNY',
    locale: store?.locale ?? 'zh-CN',
    memberLevels: levels.map((l) => ({ code: l.code, name: l.name, discountPercent: l.discountPercent.toString() })),
    warehouses,
    shopper: profile
      ? {
          signedIn: true,
          customerId: profile.id,
          name: profile.name,
          memberLevel: profile.memberLevel ? { code: profile.memberLevel.code, name: profile.memberLevel.name } : null,
        }
      : { signedIn: false },
  };
  return { facts, timezone: store?.timezone ?? 'UTC' };
}
