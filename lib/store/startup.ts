import { type Database, getDatabase } from '@/lib/db/client';
import { describeTarget, targetFromEnv } from '@/lib/db/target';
import { ensureDemoStore } from './bootstrap';

/**
 * Opens the app's database (applying pending migrations) and, unless DEMO_STORE=off, loads the
 * demo store into an empty one. Safe to call more than once: the database is a singleton.
 */
export async function startStore(): Promise<Database> {
  const db = await getDatabase();
  const target = describeTarget(targetFromEnv());
  if (db.appliedMigrations.length > 0)
    console.info(`[store] applied migrations on ${target}: ${db.appliedMigrations.join(', ')}`);
  if (process.env.DEMO_STORE !== 'off' && (await ensureDemoStore(db.prisma))) {
    console.info(`[store] loaded the demo store into ${target}`);
  }
  return db;
}
