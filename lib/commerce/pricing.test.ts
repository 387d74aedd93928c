import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import { FIXTURE, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { CommerceError } from './errors';
import { parseMoney, parsePercent } from './money';
import {
  type ComputeQuoteInput,
  computeOrderQuote,
  computeQuote,
  type QuoteCoupon,
  type QuoteLevel,
  quoteOrder,
  quotePrice,
} from './pricing';

const NOW = new Date('2026-06-01T12:00:00Z');
const GOLD: QuoteLevel = { code: 'gold', name: '黄金会员', discountPercent: parsePercent('10') };
const BRONZE: QuoteLevel = { code: 'bronze', name: '青铜会员', discountPercent: parsePercent('2') };

function coupon(overrides: Partial<QuoteCoupon> = {}): QuoteCoupon {
  return {
    code: 'SAVE50',
    type: 'fixed',
    value: parseMoney('50.00'),
    minSpend: parseMoney('500.00'),
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: new Date('2027-01-01T00:00:00Z'),
    usageLimit: 1000,
    timesUsed: 3,
    appliesToSkus: [],
    appliesToCategories: [],
    ...overrides,
  };
}

function line(price: string, quantity = 1, sku = 'SKU-1', category = 'shoes') {
  return { sku, category, unitPrice: parseMoney(price), quantity };
}

function quote(partial: Partial<ComputeQuoteInput> & Pick<ComputeQuoteInput, 'line'>) {
  return computeQuote({ level: null, now: NOW, ...partial });
}

function caught(fn: () => unknown): CommerceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CommerceError) return error;
    throw error;
  }
  throw new Error('expected a CommerceError');
}

describe('computeQuote (pure)', () => {
  it('pins the contract example: 1299.00, gold 10%, SAVE50 → 1119.10', () => {
    const q = quote({ line: line('1299.00'), level: GOLD, coupon: { code: 'SAVE50', coupon: coupon() } });
    expect(q).toEqual({
      sku: 'SKU-1',
      unitPrice: '1299.00',
      quantity: 1,
      subtotal: '1299.00',
      memberLevel: { code: 'gold', name: '黄金会员', discountPercent: '10' },
      memberDiscount: '129.90',
      afterMember: '1169.10',
      coupon: { code: 'SAVE50', applied: true, discount: '50.00', minSpend: '500.00' },
      total: '1119.10',
    });
  });

  it('without level or coupon the total is the subtotal', () => {
    const q = quote({ line: line('49.90', 3) });
    expect(q).toMatchObject({
      subtotal: '149.70',
      memberLevel: null,
      memberDiscount: '0.00',
      afterMember: '149.70',
      coupon: null,
      total: '149.70',
    });
  });

  it('multiplies quantity before discounting', () => {
    const q = quote({ line: line('1299.00', 3), level: GOLD });
    expect(q).toMatchObject({ subtotal: '3897.00', memberDiscount: '389.70', afterMember: '3507.30', total: '3507.30' });
  });

  it('rounds the member discount half-up to the cent', () => {
    // 0.25 × 2% = 0.005 → 0.01 (banker's rounding would give 0.00)
    expect(quote({ line: line('0.25'), level: BRONZE })).toMatchObject({
      memberDiscount: '0.01',
      afterMember: '0.24',
      total: '0.24',
    });
    // 0.24 × 2% = 0.0048 → 0.00
    expect(quote({ line: line('0.24'), level: BRONZE })).toMatchObject({ memberDiscount: '0.00', total: '0.24' });
    // 9.99 × 15% = 1.4985 → 1.50
    const platinum: QuoteLevel = { code: 'platinum', name: '铂金会员', discountPercent: parsePercent('15') };
    expect(quote({ line: line('9.99'), level: platinum })).toMatchObject({ memberDiscount: '1.50', total: '8.49' });
  });

  it('rounds percent coupons half-up on afterMember', () => {
    const pct = (value: string) => ({
      code: 'P',
      coupon: coupon({ code: 'P', type: 'percent', value: parsePercent(value), minSpend: null }),
    });
    // 0.25 × 10% = 0.025 → 0.03
    expect(quote({ line: line('0.25'), coupon: pct('10') })).toMatchObject({
      coupon: { applied: true, discount: '0.03' },
      total: '0.22',
    });
    // 1.00 × 12.5% = 0.125 → 0.13
    expect(quote({ line: line('1.00'), coupon: pct('12.5') })).toMatchObject({ coupon: { discount: '0.13' }, total: '0.87' });
    // on afterMember, not subtotal: 1299.00 → 1169.10 × 15% = 175.365 → 175.37
    expect(quote({ line: line('1299.00'), level: GOLD, coupon: pct('15') })).toMatchObject({
      coupon: { discount: '175.37' },
      total: '993.73',
    });
  });

  it('compares minSpend with afterMember, not the subtotal', () => {
    // subtotal 520.00 ≥ 500 but after gold 468.00 < 500
    const below = quote({ line: line('520.00'), level: GOLD, coupon: { code: 'SAVE50', coupon: coupon() } });
    expect(below.coupon).toMatchObject({ applied: false, discount: '0.00', reason: 'below_minimum_spend', minSpend: '500.00' });
    expect(below.coupon?.message).toContain('500.00');
    expect(below.coupon?.message).toContain('468.00');
    expect(below.total).toBe('468.00');
    // 555.56 − 55.56 = 500.00 exactly: meets the minimum
    const exact = quote({ line: line('555.56'), level: GOLD, coupon: { code: 'SAVE50', coupon: coupon() } });
    expect(exact).toMatchObject({ afterMember: '500.00', coupon: { applied: true, discount: '50.00' }, total: '450.00' });
  });

  it('never goes below zero: a fixed coupon larger than the amount gives 0.00', () => {
    const q = quote({
      line: line('30.00'),
      coupon: { code: 'BIG', coupon: coupon({ code: 'BIG', value: parseMoney('5000.00'), minSpend: null }) },
    });
    expect(q).toMatchObject({ coupon: { applied: true, discount: '30.00' }, total: '0.00' });
  });

  it('applies a coupon restricted by SKU only to that SKU', () => {
    const bySku = { code: 'S', coupon: coupon({ code: 'S', minSpend: null, appliesToSkus: ['SKU-1'] }) };
    expect(quote({ line: line('100.00', 1, 'SKU-1'), coupon: bySku })).toMatchObject({
      coupon: { applied: true },
      total: '50.00',
    });
    const other = quote({ line: line('100.00', 1, 'SKU-2'), coupon: bySku });
    expect(other).toMatchObject({ coupon: { applied: false, reason: 'not_applicable' }, total: '100.00' });
    expect(other.coupon?.message).toContain('SKU-1');
  });

  it('applies a coupon restricted by category only to that category', () => {
    const byCategory = { code: 'C', coupon: coupon({ code: 'C', minSpend: null, appliesToCategories: ['shoes'] }) };
    expect(quote({ line: line('100.00', 1, 'A', 'shoes'), coupon: byCategory })).toMatchObject({ total: '50.00' });
    expect(quote({ line: line('100.00', 1, 'A', 'socks'), coupon: byCategory })).toMatchObject({
      coupon: { applied: false, reason: 'not_applicable' },
      total: '100.00',
    });
  });

  it.each([
    ['unknown', null, NOW],
    ['expired', coupon({ validUntil: new Date('2026-05-01T00:00:00Z') }), NOW],
    ['expired', coupon({ validUntil: NOW }), NOW], // validUntil is exclusive
    ['not_yet_valid', coupon({ validFrom: new Date('2026-07-01T00:00:00Z') }), NOW],
    ['used_up', coupon({ usageLimit: 5, timesUsed: 5 }), NOW],
    ['below_minimum_spend', coupon({ minSpend: parseMoney('2000.00') }), NOW],
    ['not_applicable', coupon({ appliesToCategories: ['hats'] }), NOW],
  ] as const)('rejects with reason %s and quotes without the coupon', (reason, c, now) => {
    const q = quote({ line: line('1299.00'), level: GOLD, coupon: { code: 'save50', coupon: c }, now });
    expect(q.coupon).toMatchObject({ applied: false, discount: '0.00', reason });
    expect(q.coupon?.message).toEqual(expect.any(String));
    expect(q.total).toBe('1169.10');
  });

  it('accepts a coupon from its first instant (validFrom inclusive)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(quote({ line: line('1299.00'), coupon: { code: 'SAVE50', coupon: coupon() }, now: from }).coupon?.applied).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses quantity %s', (quantity) => {
    const error = caught(() => quote({ line: line('10.00', quantity) }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('quantity');
  });
});

describe('computeOrderQuote (pure, several lines)', () => {
  it('rounds the member discount per line and adds the lines up', () => {
    const q = computeOrderQuote({ lines: [line('0.25', 1, 'A'), line('0.25', 1, 'B')], level: BRONZE, now: NOW });
    expect(q.lines.map((l) => l.memberDiscount)).toEqual(['0.01', '0.01']);
    expect(q).toMatchObject({ subtotal: '0.50', memberDiscount: '0.02', afterMember: '0.48', total: '0.48' });
  });

  it('a restricted coupon discounts only eligible lines, minSpend against their afterMember sum', () => {
    const shoes10 = coupon({
      code: 'SHOES10',
      type: 'percent',
      value: parsePercent('10'),
      minSpend: parseMoney('1000.00'),
      appliesToCategories: ['shoes'],
    });
    const basket = [line('1299.00', 1, 'SNEAKER', 'shoes'), line('49.90', 2, 'SOCKS', 'socks')];
    const q = computeOrderQuote({ lines: basket, level: GOLD, coupon: { code: 'shoes10', coupon: shoes10 }, now: NOW });
    // shoes line after gold: 1169.10 → 10% = 116.91; socks 99.80 − 9.98 = 89.82 untouched
    expect(q.lines.map((l) => [l.sku, l.afterMember, l.couponEligible])).toEqual([
      ['SNEAKER', '1169.10', true],
      ['SOCKS', '89.82', false],
    ]);
    expect(q).toMatchObject({ afterMember: '1258.92', coupon: { applied: true, discount: '116.91' }, total: '1142.01' });

    // Socks do not unlock a shoes-only minimum: 899 shoes + lots of socks is still below 1000 eligible.
    const cheap = [line('899.00', 1, 'TRAIL', 'shoes'), line('49.90', 10, 'SOCKS', 'socks')];
    const below = computeOrderQuote({ lines: cheap, level: null, coupon: { code: 'SHOES10', coupon: shoes10 }, now: NOW });
    expect(below.coupon).toMatchObject({ applied: false, reason: 'below_minimum_spend' });
    expect(below.total).toBe('1398.00');
  });

  it('a fixed restricted coupon takes at most the eligible lines’ amount', () => {
    const c = coupon({ code: 'X', value: parseMoney('100.00'), minSpend: null, appliesToSkus: ['A'] });
    const q = computeOrderQuote({
      lines: [line('30.00', 1, 'A'), line('50.00', 1, 'B')],
      level: null,
      coupon: { code: 'X', coupon: c },
      now: NOW,
    });
    expect(q).toMatchObject({ coupon: { applied: true, discount: '30.00' }, total: '50.00' });
  });

  it('refuses an empty order', () => {
    expect(caught(() => computeOrderQuote({ lines: [], level: null, now: NOW })).code).toBe('invalid_input');
  });
});

describe.each(testDatabaseKinds())('quotePrice on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  it('pins the contract example from the database', async () => {
    const q = await quotePrice(db, {
      sku: FIXTURE.sneaker,
      quantity: 1,
      memberLevel: 'gold',
      couponCode: 'SAVE50',
      now: FIXTURE.now,
    });
    expect(q).toMatchObject({
      name: '限量版复古球鞋',
      status: 'active',
      unitPrice: '1299.00',
      subtotal: '1299.00',
      memberLevel: { code: 'gold', name: '黄金会员', discountPercent: '10' },
      memberDiscount: '129.90',
      afterMember: '1169.10',
      coupon: { code: 'SAVE50', applied: true, discount: '50.00' },
      total: '1119.10',
    });
  });

  it.each(['gold', 'Gold', ' GOLD ', '黄金会员'])('accepts member level %j', async (memberLevel) => {
    const q = await quotePrice(db, { sku: FIXTURE.sneaker, quantity: 1, memberLevel, now: FIXTURE.now });
    expect(q.memberLevel?.code).toBe('gold');
    expect(q.total).toBe('1169.10');
  });

  it('refuses an unknown member level and lists the known ones', async () => {
    const error = await quotePrice(db, { sku: FIXTURE.sneaker, quantity: 1, memberLevel: 'diamond' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    const message = (error as CommerceError).message;
    for (const known of ['bronze', 'silver', 'gold', 'platinum', '黄金会员']) expect(message).toContain(known);
  });

  it('matches coupon codes case-insensitively and reports the stored code', async () => {
    const lower = await quotePrice(db, {
      sku: FIXTURE.sneaker,
      quantity: 1,
      couponCode: 'save50',
      now: FIXTURE.now,
    });
    expect(lower.coupon).toEqual({ code: 'SAVE50', applied: true, discount: '50.00', minSpend: '500.00' });
    const pct = await quotePrice(db, { sku: FIXTURE.sneaker, quantity: 1, couponCode: 'PCT15', now: FIXTURE.now });
    expect(pct).toMatchObject({ coupon: { code: 'Pct15', applied: true, discount: '194.85' }, total: '1104.15' });
  });

  it.each([
    ['NOPE', 'unknown'],
    ['EXPIRED10', 'expired'],
    ['future20', 'not_yet_valid'],
    ['USEDUP', 'used_up'],
    ['SNEAKER100', 'not_applicable'],
    ['SHOES10', 'below_minimum_spend'],
  ])('reports coupon %s as %s from stored coupons', async (couponCode, reason) => {
    const q = await quotePrice(db, { sku: FIXTURE.trail, quantity: 1, couponCode, now: FIXTURE.now });
    expect(q.coupon).toMatchObject({ applied: false, reason, discount: '0.00' });
    expect(q.total).toBe('899.00');
  });

  it('applies stored sku/category restrictions and the zero floor', async () => {
    const sneaker = await quotePrice(db, {
      sku: FIXTURE.sneaker,
      quantity: 1,
      couponCode: 'SNEAKER100',
      now: FIXTURE.now,
    });
    expect(sneaker.total).toBe('1199.00');
    const shoes = await quotePrice(db, { sku: FIXTURE.trail, quantity: 2, couponCode: 'shoes10', now: FIXTURE.now });
    expect(shoes).toMatchObject({ subtotal: '1798.00', coupon: { applied: true, discount: '179.80' }, total: '1618.20' });
    const big = await quotePrice(db, { sku: FIXTURE.socks, quantity: 1, couponCode: 'BIG5000', now: FIXTURE.now });
    expect(big).toMatchObject({ coupon: { applied: true, discount: '49.90' }, total: '0.00' });
  });

  it('quotes a discontinued product, flagged', async () => {
    const q = await quotePrice(db, { sku: FIXTURE.jacket, quantity: 1, now: FIXTURE.now });
    expect(q).toMatchObject({ status: 'discontinued', total: '599.00' });
  });

  it('refuses unknown SKUs and bad quantities', async () => {
    await expect(quotePrice(db, { sku: 'NOPE', quantity: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(quotePrice(db, { sku: FIXTURE.sneaker, quantity: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(quotePrice(db, { sku: FIXTURE.sneaker, quantity: 2.5 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('quotes a cart the way placeOrder will', async () => {
    const q = await quoteOrder(db, {
      items: [
        { sku: FIXTURE.sneaker, quantity: 1 },
        { sku: FIXTURE.socks, quantity: 2 },
      ],
      memberLevel: 'gold',
      couponCode: 'shoes10',
      now: FIXTURE.now,
    });
    expect(q).toMatchObject({ afterMember: '1258.92', coupon: { applied: true, discount: '116.91' }, total: '1142.01' });
  });
});
