/**
 * What the storefront shows, picked deterministically from the app's demo store so that every product
 * and customer here is one the chat can look up: the classic sneaker and one product from each other
 * category; the classic customer 张伟 and the first customer of each other member level and of none.
 */
import { CLASSIC_CUSTOMER_ID, CLASSIC_SKU, DEMO_CATEGORIES, generateDemoStore } from '@/lib/store/demo';
import type { StoreFile } from '@/lib/store/format';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
type Bilingual = Record<Lang, string>;

export interface DemoProduct {
  sku: string;
  name: Bilingual;
  description: Bilingual;
  category: Bilingual;
  /** Decimal string in the store's currency, e.g. "1299.00". */
  price: string;
  /** Stands in for a product photo (the demo loads nothing from the network). */
  emoji: string;
}

export interface DemoCustomer {
  id: string;
  name: string;
  /** Member level name, or null for a customer without one. */
  level: Bilingual | null;
}

export interface Catalog {
  shopName: string;
  currency: string;
  products: DemoProduct[];
  customers: DemoCustomer[];
}

const EMOJI: Record<string, string> = {
  shoes: '👟',
  apparel: '🧥',
  bags: '🎒',
  outdoor: '⛺',
  electronics: '🎧',
  home: '☕',
  beauty: '🧴',
  sports: '🏀',
  accessories: '🕶️',
};

const HAN = /\p{Script=Han}/u;

const capitalize = (code: string) => code.charAt(0).toUpperCase() + code.slice(1);

/** Demo names are Chinese or English with the other language among the aliases. */
function bilingualName(name: string, aliases: readonly string[] = []): Bilingual {
  const names = [name, ...aliases];
  return { zh: names.find((n) => HAN.test(n)) ?? name, en: names.find((n) => !HAN.test(n)) ?? name };
}

/** Demo descriptions are "中文。English." in one string. */
function bilingualDescription(description: string): Bilingual {
  const cut = description.lastIndexOf('。') + 1;
  const zh = description.slice(0, cut).trim();
  const en = description.slice(cut).trim();
  return { zh: zh || description, en: en || description };
}

function catalogFromStore(store: StoreFile): Catalog {
  const inStock = store.products.filter(
    (p) => p.status === 'active' && Object.values(p.stock).some((units) => units > 0) && p.sku !== CLASSIC_SKU,
  );
  const classic = store.products.find((p) => p.sku === CLASSIC_SKU);
  const products = [
    ...(classic ? [classic] : []),
    ...DEMO_CATEGORIES.filter((c) => c.code !== classic?.category).flatMap(
      (c) => inStock.find((p) => p.category === c.code) ?? [],
    ),
  ];

  const levels = new Map((store.memberLevels ?? []).map((level) => [level.code, { zh: level.name, en: capitalize(level.code) }]));
  const customers = store.customers ?? [];
  const classicCustomer = customers.find((c) => c.id === CLASSIC_CUSTOMER_ID);
  const levelOrder = [...levels.keys()].reverse().filter((code) => code !== classicCustomer?.memberLevel);
  const picked = [
    ...(classicCustomer ? [classicCustomer] : []),
    ...[...levelOrder, null].flatMap(
      (level) => customers.find((c) => c.id !== CLASSIC_CUSTOMER_ID && (c.memberLevel ?? null) === level) ?? [],
    ),
  ];

  return {
    shopName: store.store.name,
    currency: store.store.currency,
    products: products.map((p) => ({
      sku: p.sku,
      name: bilingualName(p.name, p.aliases),
      description: bilingualDescription(p.description ?? ''),
      category: {
        zh: DEMO_CATEGORIES.find((c) => c.code === p.category)?.zh ?? p.category,
        en: capitalize(p.category),
      },
      price: p.price,
      emoji: EMOJI[p.category] ?? '🛍️',
    })),
    customers: picked.map((c) => ({ id: c.id, name: c.name, level: c.memberLevel ? (levels.get(c.memberLevel) ?? null) : null })),
  };
}

export function demoCatalog(): Catalog {
  return catalogFromStore(generateDemoStore());
}
