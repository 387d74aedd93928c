import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/client';
import { openTestDatabase, testDatabaseKinds } from '@/tests/support/test-database';
import { ensureDemoStore } from './bootstrap';
import { DEFAULT_DEMO_NOW, generateDemoStore } from './demo';
import { ORDER_STATUSES, SHIPMENT_STATUSES, type StoreFile } from './format';
import { validateStoreFile } from './validate';

const demo: StoreFile = generateDemoStore();
const orders = demo.orders ?? [];
const shipments = orders.flatMap((order) => order.shipments ?? []);
const coupons = demo.coupons ?? [];
const now = DEFAULT_DEMO_NOW.getTime();
const CJK = /\p{Script=Han}/u;

describe('generateDemoStore', () => {
  it('is big and varied enough', () => {
    expect(demo.products.length).toBeGreaterThanOrEqual(200);
    expect(new Set(demo.products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
    expect(demo.warehouses.map((w) => w.code)).toEqual(['EAST-1', 'SOUTH-1', 'NORTH-1']);
    expect(demo.customers?.length).toBeGreaterThanOrEqual(50);
    expect(orders.length).toBeGreaterThanOrEqual(500);
    expect(demo.store).toEqual({ name: 'Acme 户外 Outdoor', currency: 'CNY', locale: 'zh-CN', timezone: 'Asia/Shanghai' });
    expect(demo.memberLevels).toEqual([
      { code: 'bronze', name: '青铜会员', discountPercent: '2' },
      { code: 'silver', name: '白银会员', discountPercent: '5' },
      { code: 'gold', name: '黄金会员', discountPercent: '10' },
      { code: 'platinum', name: '铂金会员', discountPercent: '15' },
    ]);
    expect(demo.products.some((p) => p.status === 'discontinued')).toBe(true);
    expect(demo.products.some((p) => Object.values(p.stock).every((units) => units === 0))).toBe(true);
  });

  it('is bilingual: Chinese names with English aliases and the other way round', () => {
    expect(demo.products.some((p) => CJK.test(p.name) && (p.aliases ?? []).some((a) => /^[\x20-\x7e]+$/.test(a)))).toBe(true);
    expect(demo.products.some((p) => !CJK.test(p.name) && (p.aliases ?? []).some((a) => CJK.test(a)))).toBe(true);
    expect(demo.customers?.some((c) => CJK.test(c.name))).toBe(true);
    expect(demo.customers?.some((c) => !CJK.test(c.name))).toBe(true);
  });

  it('has every order status and shipment status, with consistent timelines', () => {
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
    expect(new Set(shipments.map((s) => s.status))).toEqual(new Set(SHIPMENT_STATUSES));
    for (const order of orders) {
      expect(Date.parse(order.placedAt)).toBeLessThanOrEqual(now);
      if (order.status === 'delivered') expect(order.shipments?.length).toBeGreaterThan(0);
      if (['pending', 'paid', 'cancelled'].includes(order.status)) expect(order.shipments ?? []).toEqual([]);
      for (const shipment of order.shipments ?? []) {
        const events = shipment.events ?? [];
        expect(events.length).toBeGreaterThan(0);
        const times = events.map((e) => Date.parse(e.at));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(times[0]).toBeGreaterThanOrEqual(Date.parse(order.placedAt));
        expect(times.at(-1)).toBeLessThanOrEqual(now);
        const last = events.at(-1)?.description ?? '';
        if (shipment.status === 'delivered') expect(last).toMatch(/已签收/);
        if (shipment.status === 'exception') expect(last).toMatch(/exception|delayed/i);
        if (shipment.status === 'returned') expect(last).toMatch(/Returned to sender/);
      }
    }
    // Orders are numbered per day, in time order.
    for (const order of orders) expect(order.id).toMatch(/^ORD-\d{8}-\d{5}$/);
  });

  it('uses several carriers and tracking formats', () => {
    const numbers = shipments.map((s) => s.trackingNumber);
    expect(numbers.some((n) => /^SF\d{12}$/.test(n))).toBe(true);
    expect(numbers.some((n) => n.startsWith('YT'))).toBe(true);
    expect(numbers.some((n) => n.startsWith('JD'))).toBe(true);
    expect(numbers.some((n) => n.startsWith('1Z'))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(new Set(shipments.map((s) => s.carrier)).size).toBeGreaterThanOrEqual(4);
  });

  it('has coupons of every kind', () => {
    const byCode = new Map(coupons.map((c) => [c.code, c]));
    expect(byCode.get('SAVE50')).toMatchObject({ type: 'fixed', value: '50.00', minSpend: '500.00' });
    expect(Date.parse(byCode.get('SAVE50')?.validUntil ?? '')).toBeGreaterThanOrEqual(Date.parse('2027-12-31T00:00:00+08:00'));
    expect(byCode.get('SHOES10')).toMatchObject({ type: 'percent', value: '10', appliesTo: { categories: ['shoes'] } });
    const valid = (c: (typeof coupons)[number]) =>
      (!c.validFrom || Date.parse(c.validFrom) <= now) && (!c.validUntil || Date.parse(c.validUntil) >= now);
    expect(coupons.some((c) => c.validUntil && Date.parse(c.validUntil) < now)).toBe(true); // expired
    expect(coupons.some((c) => c.validFrom && Date.parse(c.validFrom) > now)).toBe(true); // not yet valid
    expect(coupons.some((c) => valid(c) && c.usageLimit != null && c.timesUsed === c.usageLimit)).toBe(true); // used up
    expect(coupons.some((c) => valid(c) && c.minSpend && Number.parseInt(c.minSpend, 10) >= 5000)).toBe(true); // high minimum
    expect(coupons.some((c) => (c.appliesTo?.skus ?? []).length > 0)).toBe(true); // restricted to SKUs
  });

  it('contains the classic examples exactly', () => {
    const sneaker = demo.products.find((p) => p.sku === 'SKU-LIMITED-SNEAKER-01');
    expect(sneaker).toMatchObject({
      name: '限量版复古球鞋',
      aliases: ['限量球鞋', 'Limited Retro Sneaker'],
      price: '1299.00',
      status: 'active',
      category: 'shoes',
      stock: { 'EAST-1': 23 },
    });
    expect(demo.customers?.find((c) => c.id === 'C-1001')).toEqual({
      id: 'C-1001',
      name: '张伟',
      email: 'zhangwei@example.com',
      phone: '13800138000',
      memberLevel: 'gold',
    });
    const order = orders.find((o) => o.id === 'ORD-20241115-00001');
    expect(order).toMatchObject({
      customerId: 'C-1001',
      status: 'shipped',
      items: [{ sku: 'SKU-LIMITED-SNEAKER-01', quantity: 1, unitPrice: '1299.00', discount: '129.90' }],
      total: '1169.10',
    });
    expect(order?.shipments).toHaveLength(1);
    expect(order?.shipments?.[0]).toMatchObject({ carrier: 'SF Express', trackingNumber: 'SF1234567890', status: 'in_transit' });
    // No open order holds the sneaker, so all 23 stay available.
    const open = orders.filter((o) => ['pending', 'paid', 'processing'].includes(o.status));
    expect(open.flatMap((o) => o.items).some((item) => item.sku === 'SKU-LIMITED-SNEAKER-01')).toBe(false);
  });

  it('is deterministic for a seed and relative to now', () => {
    expect(JSON.stringify(generateDemoStore({ seed: 7 }))).toBe(JSON.stringify(generateDemoStore({ seed: 7 })));
    expect(JSON.stringify(generateDemoStore())).toBe(JSON.stringify(demo));
    expect(JSON.stringify(generateDemoStore({ seed: 8 }))).not.toBe(JSON.stringify(generateDemoStore({ seed: 7 })));
    const later = new Date('2030-03-01T12:00:00Z');
    const moved = generateDemoStore({ now: later });
    const newest = Math.max(...(moved.orders ?? []).map((o) => Date.parse(o.placedAt)));
    expect(newest).toBeLessThanOrEqual(later.getTime());
    expect(later.getTime() - newest).toBeLessThan(24 * 3_600_000);
    expect(validateStoreFile(JSON.parse(JSON.stringify(moved))).ok).toBe(true);
  });

  it('passes validation at other sizes and seeds', () => {
    for (const options of [{ seed: 1, products: 20, customers: 3, orders: 30 }, { seed: 99 }]) {
      const result = validateStoreFile(JSON.parse(JSON.stringify(generateDemoStore(options))));
      expect(result.ok ? [] : result.issues).toEqual([]);
    }
  });
});

describe.each(testDatabaseKinds())('ensureDemoStore on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads the demo store once, with 23 sneakers available in EAST-1', async () => {
    const started = performance.now();
    expect(await ensureDemoStore(db.prisma)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await ensureDemoStore(db.prisma)).toBe(false);
    expect(await db.prisma.order.count()).toBe(orders.length);

    const stock = await db.prisma.stock.findUniqueOrThrow({
      where: { sku_warehouseCode: { sku: 'SKU-LIMITED-SNEAKER-01', warehouseCode: 'EAST-1' } },
    });
    expect(stock.onHand - stock.reserved).toBe(23);
    const customer = await db.prisma.customer.findUniqueOrThrow({ where: { id: 'C-1001' } });
    expect(customer.memberLevelCode).toBe('gold');
    const shipment = await db.prisma.shipment.findFirstOrThrow({ where: { trackingKey: 'sf1234567890' } });
    expect(shipment).toMatchObject({ orderId: 'ORD-20241115-00001', status: 'in_transit', carrier: 'SF Express' });
  });
});
