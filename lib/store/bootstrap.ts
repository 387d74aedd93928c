import { createDemoAdmin } from '@/lib/auth/staff-accounts';
import type { PrismaClient } from '@/lib/db/generated/client';
import { generateDemoStore } from './demo';
import { importStore, StoreNotEmptyError } from './import';

/**
 * Loads the demo store into a database that has none yet, so a fresh install has something to
 * talk about. Returns true when it imported. Two processes starting together are fine: the loser
 * of the race finds the winner's store and returns false.
 */
export async function ensureDemoStore(db: PrismaClient): Promise<boolean> {
  if ((await db.storeSettings.count()) > 0) return false;
  try {
    await importStore(db, generateDemoStore());
    return true;
  } catch (error) {
    if (error instanceof StoreNotEmptyError) return false;
    throw error;
  }
}

/**
 * Development only (never with NODE_ENV=production): a database that has just received the demo
 * store also gets an administrator, with a fresh random password printed once, so the staff
 * console can be tried at once. There is no default password anywhere.
 */
export async function offerDemoAdmin(
  db: PrismaClient,
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.info,
): Promise<void> {
  if (env.NODE_ENV === 'production') return;
  const admin = await createDemoAdmin(db);
  if (admin) print(`[staff] Staff console: sign in as ${admin.email} with password ${admin.password} (shown only this once)`);
}
