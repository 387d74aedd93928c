import { type Database, getDatabase } from '@/lib/db/client';
import { describeTarget, targetFromEnv } from '@/lib/db/target';
import { ensureDemoStore, offerDemoAdmin } from './bootstrap';

// Start-up runs once per server process, though both instrumentation and pages ask for it.
const globalForStartup = globalThis as typeof globalThis & { storeStartup?: Promise<Database> };

/**
 * Opens the app's database (applying pending migrations) and, unless DEMO_STORE=off, loads the
 * demo store into an empty one (in development with an administrator to sign in as).
 */
export function startStore(): Promise<Database> {
  globalForStartup.storeStartup ??= start().catch((error: unknown) => {
    globalForStartup.storeStartup = undefined;
    throw error;
  });
  return globalForStartup.storeStartup;
}

async function start(): Promise<Database> {
  const db = await getDatabase();
  const target = describeTarget(targetFromEnv());
  if (db.appliedMigrations.length > 0) {
    console.info(`[store] applied migrations on ${target}: ${db.appliedMigrations.join(', ')}`);
  }
  if (process.env.DEMO_STORE !== 'off' && (await ensureDemoStore(db.prisma))) {
    console.info(`[store] loaded the demo store into ${target}`);
    await offerDemoAdmin(db.prisma, process.env);
  }
  return db;
}
