import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couponKey, productSearchText, skuKey, trackingKey } from '@/lib/commerce/normalize';
import type { Database } from '@/lib/db/client';
import { openTestDatabase, testDatabaseKinds } from '@/tests/support/test-database';
import { exportStore } from './export';
import { seedLargeStore } from './large';
import { validateStoreFile } from './validate';

describe.each(testDatabaseKinds())('seedLargeStore on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('adds consistent bulk rows on top of the demo store', async () => {
    const result = await seedLargeStore(db.prisma, { products: 2000, orders: 5000, customers: 400, batchSize: 1500 });
    const p = db.prisma;
    expect(await p.product.count()).toBe(result.demo.products + 2000);
    expect(await p.order.count()).toBe(result.demo.orders + 5000);
    expect(await p.customer.count()).toBe(result.demo.customers + 400);
    expect(await p.orderItem.count()).toBe(result.demo.orderItems + result.added.orderItems);
    expect(await p.shipmentEvent.count()).toBe(result.demo.shipmentEvents + result.added.shipmentEvents);
    expect(await p.stockReservation.count()).toBe(result.demo.reservations + result.added.reservations);
    expect(result.added.reservations).toBeGreaterThan(0);

    // Derived columns exactly as the importer fills them.
    for (const product of await p.product.findMany({ take: 300, orderBy: { sku: 'desc' } })) {
      expect(product.skuKey).toBe(skuKey(product.sku));
      expect(product.searchText).toBe(productSearchText(product));
    }
    for (const shipment of await p.shipment.findMany({ take: 300, orderBy: { id: 'desc' } })) {
      expect(shipment.trackingKey).toBe(trackingKey(shipment.trackingNumber));
    }
    for (const coupon of await p.coupon.findMany()) expect(coupon.codeKey).toBe(couponKey(coupon.code));

    // Reserved = the sum of reservations, only open orders reserve, and the classic sneaker is untouched.
    const mismatched = await p.$queryRawUnsafe<Array<{ sku: string }>>(`
      SELECT s.sku FROM "Stock" s
      LEFT JOIN (SELECT sku, "warehouseCode", sum(quantity)::int AS q FROM "StockReservation" GROUP BY 1, 2) r
        ON r.sku = s.sku AND r."warehouseCode" = s."warehouseCode"
      WHERE s.reserved <> coalesce(r.q, 0)`);
    expect(mismatched).toEqual([]);
    const overReserved = await p.$queryRawUnsafe<Array<{ orderId: string }>>(`
      SELECT r."orderId" FROM "StockReservation" r
      GROUP BY r."orderId", r.sku
      HAVING sum(r.quantity) > (SELECT sum(i.quantity) FROM "OrderItem" i WHERE i."orderId" = r."orderId" AND i.sku = r.sku)`);
    expect(overReserved).toEqual([]);
    expect(await p.stockReservation.count({ where: { order: { status: { notIn: ['pending', 'paid', 'processing'] } } } })).toBe(
      0,
    );
    const sneaker = await p.stock.findUniqueOrThrow({
      where: { sku_warehouseCode: { sku: 'SKU-LIMITED-SNEAKER-01', warehouseCode: 'EAST-1' } },
    });
    expect(sneaker.onHand - sneaker.reserved).toBe(23);

    // The shipment id sequence was moved past the explicit ids.
    const order = await p.order.findFirstOrThrow({ where: { status: 'processing' } });
    const created = await p.shipment.create({
      data: {
        orderId: order.id,
        line: 99,
        carrier: 'SF Express',
        trackingNumber: 'SF0000000001',
        trackingKey: 'sf0000000001',
        status: 'label_created',
      },
    });
    expect(created.id).toBeGreaterThan(0);
    await p.shipment.delete({ where: { id: created.id } });

    // Everything together is a valid store file (totals, references, no duplicates).
    const exported = await exportStore(p);
    const validation = validateStoreFile(JSON.parse(JSON.stringify(exported)));
    expect(validation.ok ? [] : validation.issues.slice(0, 5)).toEqual([]);
    expect(new Set(exported.orders?.map((o) => o.status)).size).toBe(7);
  });
});
