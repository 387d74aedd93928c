import { afterAll, beforeAll } from 'vitest';
import { couponKey, productSearchText, skuKey, trackingKey } from '@/lib/commerce/normalize';
import type { Database, DatabaseKind, PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { openTestDatabase } from './test-database';

/**
 * A small store for the commerce tests, written with Prisma the way the importer would write it
 * (lookup keys filled via normalize.ts). Identifiers deliberately mix formats.
 */
export const FIXTURE = {
  sneaker: 'SKU-LIMITED-SNEAKER-01',
  trail: 'NW-4471-B',
  socks: '#100233',
  jacket: 'OLD-JACKET-9',
  cap: 'CAP-COLLECTOR',
  customer: 'C-1001',
  otherCustomer: 'C-1002',
  plainCustomer: 'C-1003',
  shippedOrder: 'ORD-20241115-00001',
  pendingOrder: '#5001',
  otherOrder: 'NW-ORDER-77',
  tracking: 'SF1234567890',
  /** Inside every "valid" coupon's window. */
  now: new Date('2026-06-01T12:00:00Z'),
} as const;

export interface ProductSeed {
  sku: string;
  name: string;
  aliases?: string[];
  category: string;
  price: string;
  status?: 'active' | 'discontinued';
  stock?: Record<string, number>;
}

export async function addProduct(db: PrismaClient, seed: ProductSeed): Promise<void> {
  const aliases = seed.aliases ?? [];
  await db.product.create({
    data: {
      sku: seed.sku,
      name: seed.name,
      aliases,
      category: seed.category,
      price: seed.price,
      status: seed.status ?? 'active',
      skuKey: skuKey(seed.sku),
      searchText: productSearchText({ sku: seed.sku, name: seed.name, aliases }),
      stock: { create: Object.entries(seed.stock ?? {}).map(([warehouseCode, onHand]) => ({ warehouseCode, onHand })) },
    },
  });
}

export interface CouponSeed {
  code: string;
  type: 'fixed' | 'percent';
  value: string;
  minSpend?: string;
  validFrom?: string;
  validUntil?: string;
  usageLimit?: number;
  timesUsed?: number;
  skus?: string[];
  categories?: string[];
}

export async function addCoupon(db: PrismaClient, seed: CouponSeed): Promise<void> {
  await db.coupon.create({
    data: {
      code: seed.code,
      codeKey: couponKey(seed.code),
      type: seed.type,
      value: seed.value,
      minSpend: seed.minSpend ?? null,
      validFrom: seed.validFrom ? new Date(seed.validFrom) : null,
      validUntil: seed.validUntil ? new Date(seed.validUntil) : null,
      usageLimit: seed.usageLimit ?? null,
      timesUsed: seed.timesUsed ?? 0,
      appliesToSkus: seed.skus ?? [],
      appliesToCategories: seed.categories ?? [],
    },
  });
}

const address = (name: string, phone: string): Prisma.InputJsonObject => ({
  name,
  phone,
  line1: '1 Test Road',
  city: '上海',
  region: '上海',
  postalCode: '200000',
  country: 'CN',
});

export async function seedCommerceFixture(db: PrismaClient): Promise<void> {
  await db.storeSettings.create({ data: { name: 'Acme 户外', currency: 'CNY', locale: 'zh-CN', timezone: 'Asia/Shanghai' } });
  await db.warehouse.createMany({
    data: [
      { code: 'EAST-1', name: '华东仓', region: 'Shanghai', deliveryDaysMin: 2, deliveryDaysMax: 3, position: 0 },
      { code: 'SOUTH-1', name: '华南仓', region: 'Guangzhou', deliveryDaysMin: 3, deliveryDaysMax: 5, position: 1 },
      { code: 'NORTH-1', name: '华北仓', region: 'Beijing', deliveryDaysMin: 1, deliveryDaysMax: 2, position: 2 },
    ],
  });
  await db.memberLevel.createMany({
    data: [
      { code: 'bronze', name: '青铜会员', discountPercent: '2', position: 0 },
      { code: 'silver', name: '白银会员', discountPercent: '5', position: 1 },
      { code: 'gold', name: '黄金会员', discountPercent: '10', position: 2 },
      { code: 'platinum', name: '铂金会员', discountPercent: '15', position: 3 },
    ],
  });

  await addProduct(db, {
    sku: FIXTURE.sneaker,
    name: '限量版复古球鞋',
    aliases: ['限量球鞋', 'Limited Retro Sneaker'],
    category: 'shoes',
    price: '1299.00',
    stock: { 'EAST-1': 23, 'SOUTH-1': 5, 'NORTH-1': 0 },
  });
  await addProduct(db, {
    sku: FIXTURE.trail,
    name: 'Trail Running Shoe',
    aliases: ['越野跑鞋'],
    category: 'shoes',
    price: '899.00',
    stock: { 'EAST-1': 10 },
  });
  await addProduct(db, {
    sku: FIXTURE.socks,
    name: '运动袜三双装',
    aliases: ['Sport Socks 3-Pack'],
    category: 'accessories',
    price: '49.90',
    stock: { 'EAST-1': 200, 'SOUTH-1': 50 },
  });
  await addProduct(db, {
    sku: FIXTURE.jacket,
    name: 'Classic Rain Jacket',
    aliases: ['经典雨衣'],
    category: 'outerwear',
    price: '599.00',
    status: 'discontinued',
    stock: { 'EAST-1': 4 },
  });
  await addProduct(db, {
    sku: FIXTURE.cap,
    name: 'Collector Edition Cap',
    category: 'accessories',
    price: '199.00',
    stock: { 'EAST-1': 3, 'SOUTH-1': 2 },
  });

  const window = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' };
  await addCoupon(db, {
    code: 'SAVE50',
    type: 'fixed',
    value: '50.00',
    minSpend: '500.00',
    usageLimit: 1000,
    timesUsed: 3,
    ...window,
  });
  await addCoupon(db, { code: 'Pct15', type: 'percent', value: '15', ...window });
  await addCoupon(db, {
    code: 'EXPIRED10',
    type: 'percent',
    value: '10',
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2026-01-01T00:00:00Z',
  });
  await addCoupon(db, { code: 'FUTURE20', type: 'percent', value: '20', validFrom: '2027-01-01T00:00:00Z' });
  await addCoupon(db, { code: 'USEDUP', type: 'fixed', value: '10.00', usageLimit: 5, timesUsed: 5 });
  await addCoupon(db, { code: 'SHOES10', type: 'percent', value: '10', categories: ['shoes'], minSpend: '1000.00' });
  await addCoupon(db, { code: 'SNEAKER100', type: 'fixed', value: '100.00', skus: [FIXTURE.sneaker] });
  await addCoupon(db, { code: 'BIG5000', type: 'fixed', value: '5000.00' });
  await addCoupon(db, { code: 'ONCE', type: 'fixed', value: '1.00', usageLimit: 1 });

  await db.customer.createMany({
    data: [
      { id: FIXTURE.customer, name: '张伟', email: 'zhangwei@example.com', phone: '13800138000', memberLevelCode: 'gold' },
      {
        id: FIXTURE.otherCustomer,
        name: 'Li Na',
        email: 'Li.Na@Example.com',
        phone: '+86 139-0013-9000',
        memberLevelCode: 'silver',
      },
      { id: FIXTURE.plainCustomer, name: 'Wang Fang', email: null, phone: null },
    ],
  });

  await db.order.create({
    data: {
      id: FIXTURE.shippedOrder,
      customerId: FIXTURE.customer,
      status: 'shipped',
      placedAt: new Date('2026-11-15T10:02:00+08:00'),
      couponCode: null,
      shippingFee: '0.00',
      total: '1169.10',
      shippingAddress: address('张伟', '021-5555-0101'),
      items: { create: [{ line: 1, sku: FIXTURE.sneaker, quantity: 1, unitPrice: '1299.00', discount: '129.90' }] },
      shipments: {
        create: [
          {
            line: 1,
            carrier: 'SF Express',
            trackingNumber: FIXTURE.tracking,
            trackingKey: trackingKey(FIXTURE.tracking),
            status: 'in_transit',
            estimatedDelivery: new Date('2026-11-18'),
            events: {
              create: [
                { at: new Date('2026-11-16T09:00:00+08:00'), location: '杭州', description: '运输中' },
                { at: new Date('2026-11-15T18:00:00+08:00'), location: '上海', description: '已揽收' },
              ],
            },
          },
        ],
      },
    },
  });
  await db.order.create({
    data: {
      id: FIXTURE.pendingOrder,
      customerId: FIXTURE.customer,
      status: 'pending',
      placedAt: new Date('2026-11-16T08:00:00Z'),
      couponCode: null,
      shippingFee: '10.00',
      total: '99.80',
      items: { create: [{ line: 1, sku: FIXTURE.socks, quantity: 2, unitPrice: '49.90', discount: '10.00' }] },
    },
  });
  await db.order.create({
    data: {
      id: FIXTURE.otherOrder,
      customerId: FIXTURE.otherCustomer,
      status: 'delivered',
      placedAt: new Date('2026-10-01T08:00:00Z'),
      couponCode: 'SAVE50',
      shippingFee: '0.00',
      total: '804.05',
      shippingAddress: address('Li Na', '13900139000'),
      items: { create: [{ line: 1, sku: FIXTURE.trail, quantity: 1, unitPrice: '899.00', discount: '44.95' }] },
    },
  });
}

/** Stock of one product per warehouse, for assertions. */
export async function stockOf(db: PrismaClient, sku: string): Promise<Record<string, { onHand: number; reserved: number }>> {
  const rows = await db.stock.findMany({ where: { sku }, orderBy: { warehouseCode: 'asc' } });
  return Object.fromEntries(rows.map((r) => [r.warehouseCode, { onHand: r.onHand, reserved: r.reserved }]));
}

/**
 * For the enclosing describe block: a fresh database of the given kind holding the fixture store,
 * handed to `ready` before the tests run and closed after them.
 */
export function useFixtureStore(kind: DatabaseKind, ready: (db: PrismaClient) => void | Promise<void>): void {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCommerceFixture(database.prisma);
    await ready(database.prisma);
  });
  afterAll(() => database?.close());
}
