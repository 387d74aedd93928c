import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PrismaClient } from '@/lib/db/client';
import { countStoreRows, EMPTY_COUNTS, getPath, jsonCopy, setPath, smallStore } from '@/tests/support/store-files';
import { openTestDatabase, testDatabaseKinds } from '@/tests/support/test-database';
import { generateDemoStore } from './demo';
import { exportStore } from './export';
import { importStore, StoreImportError, StoreNotEmptyError } from './import';
import { validateStoreFile } from './validate';

async function importIssues(db: PrismaClient, input: unknown): Promise<string[]> {
  try {
    await importStore(db, input);
  } catch (error) {
    if (error instanceof StoreImportError) return error.issues;
    throw error;
  }
  throw new Error('the import was expected to fail');
}

describe('validateStoreFile (no database)', () => {
  it('accepts the demo store', () => {
    const result = validateStoreFile(jsonCopy(generateDemoStore()));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('rejects money given as a JSON number, naming the field', () => {
    const file = jsonCopy(smallStore());
    setPath(file, ['products', 0, 'price'], 1299);
    setPath(file, ['orders', 3, 'total'], 10.5);
    const result = validateStoreFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContain('products[0].price: must be a decimal string like "1299.00", not the JSON number 1299');
    expect(result.issues).toContain('orders[3].total: must be a decimal string like "1299.00", not the JSON number 10.5');
  });

  it('rejects unknown fields but allows anything inside attributes and meta', () => {
    const file = jsonCopy(smallStore());
    setPath(file, ['products', 1, 'colour'], 'red');
    setPath(file, ['orders', 0, 'shipments', 0, 'events', 0, 'note'], 'x');
    setPath(file, ['products', 2, 'attributes', 'anything'], { nested: [1, 'two'] });
    setPath(file, ['meta'], { exportedBy: 'someone', version: 3 });
    const result = validateStoreFile(file);
    expect(result.ok ? [] : result.issues).toEqual([
      'products[1].colour: unknown field',
      'orders[0].shipments[0].events[0].note: unknown field',
    ]);
  });

  it('reports money with three decimals, bad timestamps and dates, and bad enums', () => {
    const file = jsonCopy(smallStore());
    setPath(file, ['products', 0, 'price'], '12.345');
    setPath(file, ['orders', 0, 'placedAt'], '2026-11-15 10:02');
    setPath(file, ['orders', 0, 'shipments', 0, 'estimatedDelivery'], '18/11/2026');
    setPath(file, ['orders', 1, 'status'], 'lost');
    const result = validateStoreFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => issue.split(': ')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'products[0].price',
        'orders[0].placedAt',
        'orders[0].shipments[0].estimatedDelivery',
        'orders[1].status',
      ]),
    );
  });
});

describe.each(testDatabaseKinds())('importStore on %s', (kind) => {
  let db: Database;
  let second: Database;

  beforeAll(async () => {
    [db, second] = await Promise.all([openTestDatabase(kind), openTestDatabase(kind)]);
  });
  afterAll(async () => {
    await Promise.all([db?.close(), second?.close()]);
  });

  it('lists every bad field of a file with many problems, and writes nothing', async () => {
    const file = jsonCopy(smallStore());
    const firstSku = getPath(file, ['products', 0, 'sku']);
    const products = getPath(file, ['products']) as unknown[];
    const coupons = getPath(file, ['coupons']) as unknown[];
    products.push({ ...(products[0] as object), name: 'copy' });
    coupons.push({ ...(coupons[0] as object), code: 'save50' });
    setPath(file, ['products', 0, 'price'], 1299);
    setPath(file, ['products', 1, 'colour'], 'red');
    setPath(file, ['products', 3, 'stock', 'WEST-9'], 5);
    setPath(file, ['warehouses', 1, 'deliveryDays'], { min: 5, max: 2 });
    setPath(file, ['customers', 2, 'memberLevel'], 'diamond');
    setPath(file, ['orders', 12, 'items', 0, 'sku'], 'X');
    setPath(file, ['orders', 13, 'customerId'], 'C-404');
    setPath(file, ['orders', 14, 'couponCode'], 'NOSUCHCODE');

    const issues = await importIssues(db.prisma, file);
    expect(issues).toEqual(
      expect.arrayContaining([
        'products[0].price: must be a decimal string like "1299.00", not the JSON number 1299',
        'products[1].colour: unknown field',
        `products[30].sku: duplicate SKU "${String(firstSku)}" (also at products[0])`,
        'products[3].stock["WEST-9"]: unknown warehouse "WEST-9"',
        'warehouses[1].deliveryDays: min (5) is greater than max (2)',
        'customers[2].memberLevel: unknown member level "diamond"',
        'orders[12].items[0].sku: unknown SKU "X"',
        'orders[13].customerId: unknown customer "C-404"',
        'orders[14].couponCode: unknown coupon code "NOSUCHCODE"',
        'coupons[8].code: duplicate coupon code "save50" (codes match case-insensitively) (also at coupons[0])',
      ]),
    );
    expect(issues).toHaveLength(10);
    // Listed top to bottom in file order.
    expect(issues[0]?.startsWith('warehouses[1]')).toBe(true);
    expect(await countStoreRows(db.prisma)).toEqual(EMPTY_COUNTS);
  });

  it('rejects an order whose total does not add up', async () => {
    const file = jsonCopy(smallStore());
    const index = (getPath(file, ['orders']) as Array<{ couponCode: string | null }>).findIndex((o) => o.couponCode === null);
    setPath(file, ['orders', index, 'total'], '0.01');
    const issues = await importIssues(db.prisma, file);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^orders\\[${index}\\]\\.total: "0\\.01" is not items − discounts \\+ shippingFee`));
    expect(await countStoreRows(db.prisma)).toEqual(EMPTY_COUNTS);
  });

  it('rolls back everything when the database fails half-way', async () => {
    let calls = 0;
    const failing = db.prisma.$extends({
      query: {
        shipmentEvent: {
          async createMany({ args, query }) {
            calls++;
            await query(args);
            throw new Error('disk full (simulated)');
          },
        },
      },
    }) as unknown as PrismaClient;
    await expect(importStore(failing, smallStore())).rejects.toThrow('disk full (simulated)');
    expect(calls).toBe(1);
    expect(await countStoreRows(db.prisma)).toEqual(EMPTY_COUNTS);
  });

  it('imports the demo store, refuses a second import, and exports it losslessly', async () => {
    const summary = await importStore(db.prisma, generateDemoStore());
    expect(summary.products).toBeGreaterThanOrEqual(200);
    expect(summary.milliseconds).toBeLessThan(10_000);

    await expect(importStore(db.prisma, smallStore())).rejects.toThrow(StoreNotEmptyError);
    await expect(importStore(db.prisma, smallStore())).rejects.toThrow(/npm run db:reset/);

    const first = await exportStore(db.prisma);
    // Through JSON text, as a file on disk would be.
    await importStore(second.prisma, JSON.parse(JSON.stringify(first)));
    const again = await exportStore(second.prisma);
    expect(again).toEqual(first);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));

    const counts = await countStoreRows(db.prisma);
    expect(await countStoreRows(second.prisma)).toEqual(counts);
    expect(validateStoreFile(JSON.parse(JSON.stringify(first))).ok).toBe(true);
  });

  it('fills derived columns and reserves stock for open orders only', async () => {
    const product = await db.prisma.product.findUniqueOrThrow({ where: { sku: 'SKU-LIMITED-SNEAKER-01' } });
    expect(product.skuKey).toBe('skulimitedsneaker01');
    expect(product.searchText).toContain('限量球鞋');
    expect(product.searchText).toContain('limited retro sneaker');
    const coupon = await db.prisma.coupon.findUniqueOrThrow({ where: { code: 'SAVE50' } });
    expect(coupon.codeKey).toBe('SAVE50');
    const shipment = await db.prisma.shipment.findFirstOrThrow({ where: { trackingNumber: 'SF1234567890' } });
    expect(shipment.trackingKey).toBe('sf1234567890');
    const warehouses = await db.prisma.warehouse.findMany({ orderBy: { position: 'asc' } });
    expect(warehouses.map((w) => w.code)).toEqual(['EAST-1', 'SOUTH-1', 'NORTH-1']);

    const mismatched = await db.prisma.$queryRawUnsafe<Array<{ sku: string }>>(`
      SELECT s.sku FROM "Stock" s
      LEFT JOIN (SELECT sku, "warehouseCode", sum(quantity)::int AS q FROM "StockReservation" GROUP BY 1, 2) r
        ON r.sku = s.sku AND r."warehouseCode" = s."warehouseCode"
      WHERE s.reserved <> coalesce(r.q, 0)`);
    expect(mismatched).toEqual([]);
    const closedWithReservations = await db.prisma.stockReservation.count({
      where: { order: { status: { notIn: ['pending', 'paid', 'processing'] } } },
    });
    expect(closedWithReservations).toBe(0);
    expect(await db.prisma.stockReservation.count()).toBeGreaterThan(0);
  });
});
