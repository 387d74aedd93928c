import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import { addProduct, FIXTURE, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { getAvailability } from './availability';

describe.each(testDatabaseKinds())('getAvailability on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  it('reports every warehouse, available = onHand − reserved, and the delivery window of stocked ones', async () => {
    await db.stock.update({
      where: { sku_warehouseCode: { sku: FIXTURE.sneaker, warehouseCode: 'SOUTH-1' } },
      data: { reserved: 2 },
    });
    expect(await getAvailability(db, FIXTURE.sneaker)).toEqual({
      sku: FIXTURE.sneaker,
      name: '限量版复古球鞋',
      price: '1299.00',
      status: 'active',
      totalAvailable: 26,
      warehouses: [
        {
          code: 'EAST-1',
          name: '华东仓',
          region: 'Shanghai',
          onHand: 23,
          reserved: 0,
          available: 23,
          deliveryDays: { min: 2, max: 3 },
        },
        {
          code: 'SOUTH-1',
          name: '华南仓',
          region: 'Guangzhou',
          onHand: 5,
          reserved: 2,
          available: 3,
          deliveryDays: { min: 3, max: 5 },
        },
        {
          code: 'NORTH-1',
          name: '华北仓',
          region: 'Beijing',
          onHand: 0,
          reserved: 0,
          available: 0,
          deliveryDays: { min: 1, max: 2 },
        },
      ],
      // NORTH-1 (1–2 days) has nothing, so it does not make the window faster.
      deliveryWindow: { min: 2, max: 5 },
    });
  });

  it('a fully reserved warehouse leaves the window', async () => {
    await db.stock.update({
      where: { sku_warehouseCode: { sku: FIXTURE.sneaker, warehouseCode: 'SOUTH-1' } },
      data: { reserved: 5 },
    });
    const availability = await getAvailability(db, FIXTURE.sneaker);
    expect(availability.totalAvailable).toBe(23);
    expect(availability.deliveryWindow).toEqual({ min: 2, max: 3 });
  });

  it('flags discontinued products and reports no window without stock', async () => {
    await addProduct(db, {
      sku: 'EMPTY-1',
      name: 'Empty',
      category: 'x',
      price: '1.00',
      status: 'discontinued',
      stock: { 'EAST-1': 0 },
    });
    expect(await getAvailability(db, 'EMPTY-1')).toMatchObject({
      status: 'discontinued',
      totalAvailable: 0,
      deliveryWindow: null,
    });
    await addProduct(db, { sku: 'NOSTOCK-1', name: 'No stock rows', category: 'x', price: '1.00' });
    expect(await getAvailability(db, 'NOSTOCK-1')).toMatchObject({ warehouses: [], totalAvailable: 0, deliveryWindow: null });
  });

  it('refuses unknown SKUs (exact match only)', async () => {
    await expect(getAvailability(db, 'NOPE')).rejects.toMatchObject({ code: 'not_found' });
    await expect(getAvailability(db, FIXTURE.sneaker.toLowerCase())).rejects.toMatchObject({ code: 'not_found' });
  });
});
