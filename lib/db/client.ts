import { type OpenedAdapter, openAdapter } from './adapter';
import { PrismaClient } from './generated/client';
import { applyMigrations } from './migrate';
import { type DatabaseKind, type DatabaseTarget, targetFromEnv } from './target';

export type { DatabaseKind, DatabaseTarget } from './target';
export { PrismaClient };

/** An open connection to the store's database, migrated to the current schema. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Migration names applied while opening (empty when the schema was already current). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const adapter: OpenedAdapter = await openAdapter(target);
  try {
    const appliedMigrations = options.migrate === false ? [] : await adapter.withMigrationConnection(applyMigrations);
    const prisma = new PrismaClient({ adapter: adapter.factory });
    return {
      kind: target.kind,
      prisma,
      appliedMigrations,
      close: async () => {
        await prisma.$disconnect();
        await adapter.close();
      },
    };
  } catch (error) {
    await adapter.close();
    throw error;
  }
}

// One database per server process, kept across Next.js hot reloads.
const globalForDb = globalThis as typeof globalThis & { appDatabase?: Promise<Database> };

/** The app's database, chosen by DATABASE_URL / DATA_DIR, opened and migrated on first use. */
export function getDatabase(): Promise<Database> {
  globalForDb.appDatabase ??= openDatabase(targetFromEnv()).catch((error: unknown) => {
    globalForDb.appDatabase = undefined;
    throw error;
  });
  return globalForDb.appDatabase;
}
