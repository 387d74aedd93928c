import { describe, expect, it } from 'vitest';
import { generateDemoStore } from '@/lib/store/demo';
import { type ChatTurn, decodeIntent, encodeIntent, type Intent, mixDataFromStore, nextTurn, seededRandom } from './mix';

const data = mixDataFromStore(generateDemoStore());

function turns(count: number, signedIn: boolean): ChatTurn[] {
  const random = seededRandom(42);
  const customer = signedIn ? (data.customers[0] ?? null) : null;
  return Array.from({ length: count }, () => nextTurn(data, random, customer));
}

describe('the question mix', () => {
  it('draws from the demo store: active products in both languages, customers with orders, parcels', () => {
    expect(data.products.length).toBeGreaterThan(150);
    // A name several products share ("Urban Canvas Sneakers" for every colour) is never asked about.
    const names = data.products.flatMap((product) => [product.zh, product.en]);
    expect(new Set(names).size).toBe(names.length);
    expect(data.products.find((product) => product.sku === 'SKU-LIMITED-SNEAKER-01')).toEqual({
      sku: 'SKU-LIMITED-SNEAKER-01',
      zh: '限量版复古球鞋',
      en: 'Limited Retro Sneaker',
    });
    expect(data.customers.every((customer) => customer.orders.length > 0)).toBe(true);
    expect(data.trackingNumbers).toContain('SF1234567890');
    expect(data.coupons).toContain('SAVE50');
  });

  it('covers every category in both languages, each turn with what the answer must show', () => {
    const sample = turns(2000, false);
    for (const category of ['stock', 'price', 'order', 'tracking']) {
      const share = sample.filter((turn) => turn.category === category).length / sample.length;
      expect(share).toBeGreaterThan(0.1);
    }
    expect(sample.some((turn) => turn.language === 'zh' && /[\u4e00-\u9fff]/.test(turn.text))).toBe(true);
    expect(sample.every((turn) => turn.expectTools.length > 0)).toBe(true);
    for (const turn of sample) if (turn.expectMention) expect(turn.intent.kind).not.toBe('my-orders');
  });

  it('asks a guest for orders only with the contact on them, and a customer only about their own orders', () => {
    const guestOrders = turns(500, false).flatMap((turn) => (turn.intent.kind === 'order' ? [turn] : []));
    expect(guestOrders.length).toBeGreaterThan(0);
    for (const turn of guestOrders) {
      const intent = turn.intent as Extract<Intent, { kind: 'order' }>;
      expect(intent.contact).toBeTruthy();
      expect(turn.text).toContain(intent.contact);
    }
    const own = new Set(data.customers[0]?.orders.map((order) => order.id));
    for (const turn of turns(500, true)) {
      if (turn.intent.kind === 'order' || turn.intent.kind === 'track-order') expect(own.has(turn.intent.orderId)).toBe(true);
      if (turn.intent.kind === 'order') expect(turn.intent.contact).toBeUndefined();
    }
  });

  it('is the same sequence for the same seed', () => {
    expect(turns(20, true).map((turn) => turn.text)).toEqual(turns(20, true).map((turn) => turn.text));
  });
});

describe('the intent header', () => {
  it('round-trips every intent and refuses junk', () => {
    const intents: Intent[] = [
      { kind: 'stock', query: '限量球鞋' },
      { kind: 'price', query: 'SKU-SH-1000', quantity: 2, memberLevel: 'gold', couponCode: 'SAVE50' },
      { kind: 'order', orderId: 'ORD-20241115-00001', contact: '13800138000' },
      { kind: 'my-orders' },
      { kind: 'track-order', orderId: 'ORD-20241115-00001' },
      { kind: 'track', trackingNumber: 'SF1234567890' },
    ];
    for (const intent of intents) expect(decodeIntent(encodeIntent(intent))).toEqual(intent);
    expect(decodeIntent(undefined)).toBeNull();
    expect(decodeIntent('not base64 json')).toBeNull();
    expect(decodeIntent(Buffer.from('{"kind":"stock"}').toString('base64url'))).toBeNull();
    expect(decodeIntent(Buffer.from('{"kind":"placeOrder"}').toString('base64url'))).toBeNull();
  });
});
