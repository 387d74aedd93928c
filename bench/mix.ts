/**
 * What the simulated shoppers say: questions about stock, prices, orders and parcels, in Chinese and
 * English, phrased the way eval/conversations phrase them, about real products, orders and tracking
 * numbers of the demo store (lib/store/demo.ts — deterministic, the very rows the app loads into
 * an empty database). Each question carries an Intent: what it asks, in a form the bare baseline
 * server (bench/baseline-server.ts) turns into the same lib/commerce calls without understanding
 * language, and which tools the app's answer is expected to run.
 */
import type { StoreFile } from '@/lib/store/format';

export type Category = 'stock' | 'price' | 'order' | 'tracking';
export type Language = 'zh' | 'en';

export type Intent =
  /** searchProducts → checkInventory */
  | { kind: 'stock'; query: string }
  /** searchProducts → quotePrice (a signed-in shopper without a stated level: their account's level) */
  | { kind: 'price'; query: string; quantity: number; memberLevel?: string; couponCode?: string }
  /** getOrder: a signed-in customer's own order, or a guest's with the email or phone on it */
  | { kind: 'order'; orderId: string; contact?: string }
  /** listMyOrders → trackShipment of the newest ("where is my order?") */
  | { kind: 'my-orders' }
  /** trackShipment by order number (signed-in) */
  | { kind: 'track-order'; orderId: string }
  /** trackShipment by tracking number (anyone) */
  | { kind: 'track'; trackingNumber: string };

export interface ChatTurn {
  category: Category;
  language: Language;
  text: string;
  intent: Intent;
  /** Tools the app's answer must have run for the turn to count as understood (searchProducts is optional). */
  expectTools: string[];
  /**
   * What the answer must be about — the product's SKU, the order or tracking number — found in the
   * answer text or a tool's input, so an answer about another product does not count as understood.
   */
  expectMention: string | null;
}

export interface MixProduct {
  sku: string;
  zh: string;
  en: string;
}

export interface MixCustomer {
  id: string;
  orders: Array<{ id: string; shipped: boolean }>;
}

export interface MixData {
  products: MixProduct[];
  /** Customers with at least one order: the signed-in shoppers. */
  customers: MixCustomer[];
  /** Orders a guest can prove with an email or phone on them. */
  guestOrders: Array<{ id: string; email: string | null; phone: string | null }>;
  trackingNumbers: string[];
  levels: Array<{ code: string; zh: string }>;
  coupons: string[];
}

const CJK = /[\u3400-\u9fff]/;

/** The mix's raw material from a store file (the demo store in practice). */
export function mixDataFromStore(store: StoreFile): MixData {
  // Only names that denote one product: "Stellar Camping Chair" alone fits every colour of it, and
  // the honest answer to that is a question back, not a stock figure.
  const owners = new Map<string, number>();
  for (const product of store.products) {
    for (const name of new Set([product.name, ...(product.aliases ?? [])].map((n) => n.toLowerCase()))) {
      owners.set(name, (owners.get(name) ?? 0) + 1);
    }
  }
  const products = store.products.flatMap((product): MixProduct[] => {
    if (product.status === 'discontinued') return [];
    const names = [product.name, ...(product.aliases ?? [])].filter((name) => owners.get(name.toLowerCase()) === 1);
    const zh = names.find((name) => CJK.test(name));
    const en = names.find((name) => !CJK.test(name) && /[A-Za-z]/.test(name));
    return zh && en ? [{ sku: product.sku, zh, en }] : [];
  });
  const byId = new Map((store.customers ?? []).map((customer) => [customer.id, customer]));
  const ordersOf = new Map<string, MixCustomer['orders']>();
  const guestOrders: MixData['guestOrders'] = [];
  const trackingNumbers: string[] = [];
  for (const order of store.orders ?? []) {
    const shipped = (order.shipments ?? []).length > 0;
    for (const shipment of order.shipments ?? []) trackingNumbers.push(shipment.trackingNumber);
    const customer = order.customerId ? byId.get(order.customerId) : undefined;
    if (customer) {
      const list = ordersOf.get(customer.id) ?? [];
      list.push({ id: order.id, shipped });
      ordersOf.set(customer.id, list);
    }
    const email = customer?.email ?? null;
    const phone = customer?.phone ?? order.shippingAddress?.phone ?? null;
    if (email || phone) guestOrders.push({ id: order.id, email, phone });
  }
  return {
    products,
    customers: [...ordersOf].map(([id, orders]) => ({ id, orders })),
    guestOrders,
    trackingNumbers,
    levels: (store.memberLevels ?? []).map((level) => ({ code: level.code, zh: level.name })),
    // Valid, expired, not yet valid, used up, high minimum, category-bound: each gets a real answer.
    coupons: (store.coupons ?? []).map((coupon) => coupon.code),
  };
}

export type Random = () => number;

/** mulberry32: a small seeded PRNG, so every configuration is driven by the same sequence of questions. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, list: readonly T[]): T {
  if (list.length === 0) throw new Error('Nothing to pick from: the store has no rows for this question.');
  return list[Math.floor(random() * list.length)] as T;
}

/** Shares of the mix, in this order (they add up to 1). */
export const CATEGORY_WEIGHTS: ReadonlyArray<readonly [Category, number]> = [
  ['stock', 0.3],
  ['price', 0.3],
  ['order', 0.25],
  ['tracking', 0.15],
];

function pickCategory(random: Random): Category {
  let roll = random();
  for (const [category, weight] of CATEGORY_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return category;
  }
  return 'tracking';
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The next question of a shopper: signed in as `customer`, or anonymous (null). */
export function nextTurn(data: MixData, random: Random, customer: MixCustomer | null): ChatTurn {
  const category = pickCategory(random);
  const language: Language = random() < 0.5 ? 'zh' : 'en';
  const turn = (text: string, intent: Intent, expectTools: string[], expectMention: string | null): ChatTurn => ({
    category,
    language,
    text,
    intent,
    expectTools,
    expectMention,
  });

  if (category === 'stock') {
    const product = pick(random, data.products);
    const name = language === 'zh' ? product.zh : product.en;
    const bySku = random() < 0.3;
    const query = bySku ? product.sku : name;
    const zh = [`${query}还有货吗`, `${query} 有货吗？`, `那款${query}还有库存吗?`];
    const en = [`is the ${query} in stock?`, `Is ${query} in stock?`, `do you have the ${query} in stock?`];
    return turn(pick(random, language === 'zh' ? zh : en), { kind: 'stock', query }, ['checkInventory'], product.sku);
  }

  if (category === 'price') {
    const product = pick(random, data.products);
    const name = language === 'zh' ? product.zh : product.en;
    const query = random() < 0.3 ? product.sku : name;
    const expect = ['quotePrice'];
    const coupon = pick(random, data.coupons);
    const level = pick(random, data.levels);
    const style = Math.floor(random() * 4);
    if (customer && style === 0) {
      const text = language === 'zh' ? `${query} 我买的话多少钱` : `how much would the ${query} be for me?`;
      return turn(text, { kind: 'price', query, quantity: 1 }, expect, product.sku);
    }
    if (style === 1) {
      const text =
        language === 'zh'
          ? `我是${level.zh}，${query}用${coupon}多少钱？`
          : `I'm a ${capitalize(level.code)} member - what would the ${query} cost me with ${coupon}?`;
      return turn(text, { kind: 'price', query, quantity: 1, memberLevel: level.code, couponCode: coupon }, expect, product.sku);
    }
    if (style === 2) {
      const text = language === 'zh' ? `${query} 用 ${coupon} 多少钱` : `price of the ${query} with code ${coupon}?`;
      return turn(text, { kind: 'price', query, quantity: 1, couponCode: coupon }, expect, product.sku);
    }
    if (style === 3) {
      const text = language === 'zh' ? `买两个${query}一共多少钱` : `how much for 2 ${query}?`;
      return turn(text, { kind: 'price', query, quantity: 2 }, expect, product.sku);
    }
    const text = language === 'zh' ? `${query}多少钱` : `how much is the ${query}?`;
    return turn(text, { kind: 'price', query, quantity: 1 }, expect, product.sku);
  }

  if (category === 'order') {
    if (customer) {
      const roll = random();
      if (roll < 0.3) {
        const text = language === 'zh' ? '我的订单到哪了' : 'where is my order?';
        return turn(text, { kind: 'my-orders' }, ['listMyOrders'], null);
      }
      const order = pick(random, customer.orders);
      if (roll < 0.5 && order.shipped) {
        const text = language === 'zh' ? `订单 ${order.id} 的物流到哪了` : `where is the parcel for my order ${order.id}?`;
        return turn(text, { kind: 'track-order', orderId: order.id }, ['trackShipment'], order.id);
      }
      const text = pick(
        random,
        language === 'zh'
          ? [`帮我查下订单 ${order.id}`, `我的订单 ${order.id} 现在什么状态？`]
          : [`status of ${order.id}?`, `where is my order ${order.id}?`],
      );
      return turn(text, { kind: 'order', orderId: order.id }, ['getOrder'], order.id);
    }
    const order = pick(random, data.guestOrders);
    const contact = (random() < 0.5 ? order.email : order.phone) ?? order.email ?? order.phone ?? '';
    const byEmail = contact.includes('@');
    const text =
      language === 'zh'
        ? `帮我查下订单 ${order.id}，${byEmail ? '邮箱是' : '手机'} ${contact}`
        : `Order ${order.id}, ${byEmail ? 'email' : 'phone'} ${contact} - what's the status?`;
    return turn(text, { kind: 'order', orderId: order.id, contact }, ['getOrder'], order.id);
  }

  const trackingNumber = pick(random, data.trackingNumbers);
  const text = pick(
    random,
    language === 'zh'
      ? [`帮我查一下快递 ${trackingNumber}`, `${trackingNumber} 物流到哪了`]
      : [`track ${trackingNumber}`, `where is my parcel ${trackingNumber}?`],
  );
  return turn(text, { kind: 'track', trackingNumber }, ['trackShipment'], trackingNumber);
}

/** The intent travels with each request in this header (the app ignores it; the baseline needs it). */
export const INTENT_HEADER = 'x-bench-intent';

export function encodeIntent(intent: Intent): string {
  return Buffer.from(JSON.stringify(intent)).toString('base64url');
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const optionalString = (value: unknown) => value === undefined || isString(value);

export function decodeIntent(header: string | undefined | null): Intent | null {
  if (!header) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const intent = value as Record<string, unknown>;
  switch (intent.kind) {
    case 'stock':
      return isString(intent.query) ? { kind: 'stock', query: intent.query } : null;
    case 'price':
      return isString(intent.query) &&
        typeof intent.quantity === 'number' &&
        optionalString(intent.memberLevel) &&
        optionalString(intent.couponCode)
        ? (intent as Intent)
        : null;
    case 'order':
      return isString(intent.orderId) && optionalString(intent.contact) ? (intent as Intent) : null;
    case 'my-orders':
      return { kind: 'my-orders' };
    case 'track-order':
      return isString(intent.orderId) ? { kind: 'track-order', orderId: intent.orderId } : null;
    case 'track':
      return isString(intent.trackingNumber) ? { kind: 'track', trackingNumber: intent.trackingNumber } : null;
    default:
      return null;
  }
}
