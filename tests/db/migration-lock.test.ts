import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';

const ADMIN_URL = process.env.TEST_DATABASE_URL;

async function admin(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// Several app instances start together on one PostgreSQL: each applies pending migrations at start-up.
describe.skipIf(!ADMIN_URL)('migrations on a PostgreSQL that several instances share', () => {
  it('lets go of the migration lock, so instances starting together and later all open the database', async () => {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const adminUrl = ADMIN_URL ?? '';
    await admin(adminUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const target = { kind: 'postgres' as const, url: url.toString() };
    try {
      const together = await Promise.all([openDatabase(target), openDatabase(target)]);
      expect(together.flatMap((db) => db.appliedMigrations).length).toBeGreaterThan(0);
      const held = await admin(
        url.toString(),
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE l.locktype = 'advisory' AND d.datname = current_database()`,
      );
      expect(held.rows[0]).toEqual({ n: 0 });
      // While the first two stay open (their pools idle), a third starts at once.
      const later = await openDatabase(target);
      expect(later.appliedMigrations).toEqual([]);
      await Promise.all([...together, later].map((db) => db.close()));
    } finally {
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
