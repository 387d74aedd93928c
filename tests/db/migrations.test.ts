import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdapter } from '@/lib/db/adapter';
import type { Database } from '@/lib/db/client';
import { pendingSchemaChanges, readMigrations } from '@/lib/db/migrate';
import { openTestDatabase, testDatabaseKinds } from '../support/test-database';

describe('migration history', () => {
  it('matches prisma/schema.prisma (no schema change is missing a migration)', async () => {
    const adapter = await openAdapter({ kind: 'pglite', dataDir: null });
    try {
      // The history replayed on a shadow database, diffed with the schema.
      expect(await pendingSchemaChanges(adapter.factory)).toBeNull();
    } finally {
      await adapter.close();
    }
  });

  it('uses the standard prisma/migrations/<stamp>_<name>/migration.sql layout', () => {
    const list = readMigrations();
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(dir.migrationFile.content.tag).toBe('ok');
    }
    expect(list.lockfile.content).toContain('provider = "postgresql"');
  });
});

describe.each(testDatabaseKinds())('migrated database on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it('records every migration in _prisma_migrations, finished and not rolled back', async () => {
    const rows = await db.prisma.$queryRaw<
      Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>
    >`
      SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(readMigrations().migrationDirectories.map((dir) => dir.path));
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it('refuses to oversell at the database level too (CHECK reserved <= onHand)', async () => {
    await db.prisma.warehouse.create({
      data: { code: 'W', name: 'W', region: 'r', deliveryDaysMin: 1, deliveryDaysMax: 2, position: 0 },
    });
    await db.prisma.product.create({
      data: { sku: 'P', name: 'P', aliases: [], category: 'c', price: '1.00', skuKey: 'p', searchText: 'p' },
    });
    await db.prisma.stock.create({ data: { sku: 'P', warehouseCode: 'W', onHand: 2 } });
    await expect(
      db.prisma.stock.update({ where: { sku_warehouseCode: { sku: 'P', warehouseCode: 'W' } }, data: { reserved: 3 } }),
    ).rejects.toThrow();
    const stock = await db.prisma.stock.findUniqueOrThrow({ where: { sku_warehouseCode: { sku: 'P', warehouseCode: 'W' } } });
    expect(stock.reserved).toBe(0);
  });
});
