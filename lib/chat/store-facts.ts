import type { StoreFacts } from '@/lib/ai/offline/types';
import type { Shopper } from '@/lib/auth/shopper';
import { getCustomerProfile } from '@/lib/commerce';
import type { PrismaClient } from '@/lib/db/client';

/** What the store is: the same for every shopper, and changed only by an import. */
interface StoreProfile {
  storeName: string;
  currency: string;
  locale: string;
  timezone: string;
  memberLevels: StoreFacts['memberLevels'];
  warehouses: StoreFacts['warehouses'];
}

/** The store and shopper facts every turn's instructions carry, and the store's time zone for their date line. */
export type StoreFactsSource = (shopper: Shopper) => Promise<{ facts: StoreFacts; timezone: string }>;

/** How long one instance answers from the store profile it read: a re-import shows within this. */
export const STORE_PROFILE_TTL_MS = 10_000;

/**
 * The facts for each turn (for any model, and read by the built-in engine). The store's part is
 * read at most once per STORE_PROFILE_TTL_MS — three queries every turn would otherwise ask the
 * same thing on a busy day; the shopper's part is read every turn.
 */
export function storeFactsSource(db: PrismaClient, now: () => number = Date.now): StoreFactsSource {
  let cached: { profile: Promise<StoreProfile>; readAt: number } | null = null;
  const storeProfile = () => {
    if (cached === null || now() - cached.readAt >= STORE_PROFILE_TTL_MS) {
      const profile = readStoreProfile(db);
      cached = { profile, readAt: now() };
      // A failed read is not kept: the next turn tries again.
      profile.catch(() => {
        if (cached?.profile === profile) cached = null;
      });
    }
    return cached.profile;
  };
  return async (shopper) => {
    const [store, profile] = await Promise.all([
      storeProfile(),
      shopper.kind === 'customer' ? getCustomerProfile(db, shopper.customerId) : null,
    ]);
    const facts: StoreFacts = {
      storeName: store.storeName,
      currency: store.currency,
      locale: store.locale,
      memberLevels: store.memberLevels,
      warehouses: store.warehouses,
      shopper: profile
        ? {
            signedIn: true,
            customerId: profile.id,
            name: profile.name,
            memberLevel: profile.memberLevel ? { code: profile.memberLevel.code, name: profile.memberLevel.name } : null,
          }
        : { signedIn: false },
    };
    return { facts, timezone: store.timezone };
  };
}

async function readStoreProfile(db: PrismaClient): Promise<StoreProfile> {
  const [store, levels, warehouses] = await Promise.all([
    db.storeSettings.findUnique({ where: { id: 1 }, select: { name: true, currency: true, locale: true, timezone: true } }),
    db.memberLevel.findMany({ orderBy: { position: 'asc' }, select: { code: true, name: true, discountPercent: true } }),
    db.warehouse.findMany({ orderBy: { position: 'asc' }, select: { code: true, name: true, region: true } }),
  ]);
  return {
    storeName: store?.name ?? 'our shop',
    currency: store?.currency ?? 'CNY',
    locale: store?.locale ?? 'zh-CN',
    timezone: store?.timezone ?? 'UTC',
    memberLevels: levels.map((l) => ({ code: l.code, name: l.name, discountPercent: l.discountPercent.toString() })),
    warehouses,
  };
}
