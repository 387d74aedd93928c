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
