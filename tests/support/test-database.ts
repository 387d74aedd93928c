import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '@/lib/db/client';
import type { DatabaseKind } from '@/lib/db/target';

/**
 * Every database-backed suite runs on embedded PGlite, and also on the real PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each opened database is new and empty but migrated:
 * in memory for PGlite, a CREATE DATABASE test_<random> for PostgreSQL, dropped on close.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite', dataDir: null });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `test_${randomBytes(6).toString('hex')}`;
  await runAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...db,
    close: async () => {
      await db.close();
      await runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
