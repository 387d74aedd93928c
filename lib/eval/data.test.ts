import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trackingKey } from '@/lib/commerce/normalize';
import { generateDemoStore } from '@/lib/store/demo';
import type { StoreFile } from '@/lib/store/format';
import { validateStoreFile } from '@/lib/store/validate';
import { loadConversations } from './load';
import { acceptedCalls, type Conversation, type EvalStore, type EvalTurn, type ExpectedTool, isApprovalTurn } from './schema';
import { CONVERSATIONS_DIR, EVAL_NOW, NORTHWIND_STORE_FILE } from './stores';

/**
 * The evaluation set against the stores it runs on: every id it names exists, and conversations
 * that change the store (approved orders and cancellations) cannot change what another
 * conversation expects, whatever order they run in.
 */

const conversations = loadConversations(CONVERSATIONS_DIR).map((loaded) => loaded.conversation);

function northwindFile(): StoreFile {
  const result = validateStoreFile(JSON.parse(readFileSync(NORTHWIND_STORE_FILE, 'utf8')));
  if (!result.ok) throw new Error(`northwind store is invalid:\n${result.issues.join('\n')}`);
  return result.file;
}

const stores: Record<EvalStore, StoreFile> = { demo: generateDemoStore(), northwind: northwindFile() };

interface StoreIndex {
  skus: Set<string>;
  customers: Set<string>;
  orders: Map<string, StoreFile['orders'] extends (infer O)[] | undefined ? O : never>;
  tracking: Set<string>;
}

function index(file: StoreFile): StoreIndex {
  const orders = new Map((file.orders ?? []).map((order) => [order.id, order]));
  return {
    skus: new Set(file.products.map((product) => product.sku)),
    customers: new Set((file.customers ?? []).map((customer) => customer.id)),
    orders,
    tracking: new Set((file.orders ?? []).flatMap((order) => (order.shipments ?? []).map((s) => trackingKey(s.trackingNumber)))),
  };
}

const indexes: Record<EvalStore, StoreIndex> = { demo: index(stores.demo), northwind: index(stores.northwind) };

/** An expected value, or each alternative of a `{ "$anyOf": [...] }`. */
function alternatives(value: unknown): unknown[] {
  if (typeof value === 'object' && value !== null && '$anyOf' in value && Array.isArray(value.$anyOf)) return value.$anyOf;
  return [value];
}

function strings(value: unknown): string[] {
  return alternatives(value).filter((v): v is string => typeof v === 'string');
}

/** A turn that expects the shopper to be told something was not found may name things that do not exist. */
function expectsNotFound(turn: EvalTurn): boolean {
  return (turn.mustContain ?? []).some((fact) =>
    (typeof fact === 'string' ? [fact] : fact).some((text) => /find|找不到|没有找到/.test(text)),
  );
}

function skusOf(tool: ExpectedTool): string[] {
  const input = tool.input ?? {};
  const items = Array.isArray(input.items) ? input.items : [];
  return [
    ...strings(input.sku),
    ...items.flatMap((item) => (typeof item === 'object' && item !== null && 'sku' in item ? strings(item.sku) : [])),
  ];
}

/** Every call a turn's expectTools names, alternatives included. */
function expectedCalls(turn: EvalTurn): ExpectedTool[] {
  return (turn.expectTools ?? []).flatMap(acceptedCalls);
}

/** Calls the shopper went on to approve: they change the store. */
function approvedCalls(conversation: Conversation, name: 'placeOrder' | 'cancelOrder'): ExpectedTool[] {
  return conversation.turns.flatMap((turn, i) => {
    const next = conversation.turns[i + 1];
    if (!next || !isApprovalTurn(next) || !next.approve) return [];
    return expectedCalls(turn).filter((tool) => tool.name === name);
  });
}

describe('the evaluation set', () => {
  it('is big enough and covers both stores, every category and every language', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(200);
    const northwind = conversations.filter((c) => c.store === 'northwind').length;
    expect(northwind * 3).toBeGreaterThanOrEqual(conversations.length);
    for (const store of ['demo', 'northwind'] as const) {
      const own = conversations.filter((c) => c.store === store);
      expect(new Set(own.map((c) => c.category)).size, store).toBe(12);
      expect(new Set(own.map((c) => c.language)), store).toEqual(new Set(['zh', 'en', 'mixed']));
      expect(own.some((c) => c.shopper === null) && own.some((c) => c.shopper !== null), store).toBe(true);
      expect(
        own.some((c) => c.turns.length > 1),
        store,
      ).toBe(true);
    }
  });

  it('names only customers, SKUs, orders and tracking numbers its store has', () => {
    const problems: string[] = [];
    for (const conversation of conversations) {
      const store = indexes[conversation.store];
      const where = (i: number) => `${conversation.id} turn ${i + 1}`;
      if (conversation.shopper && !store.customers.has(conversation.shopper.customerId))
        problems.push(`${conversation.id}: unknown customer ${conversation.shopper.customerId}`);
      conversation.turns.forEach((turn, i) => {
        if (expectsNotFound(turn)) return;
        for (const tool of expectedCalls(turn)) {
          for (const sku of skusOf(tool)) if (!store.skus.has(sku)) problems.push(`${where(i)}: unknown SKU ${sku}`);
          const orderIds = strings(tool.input?.orderId);
          if (orderIds.length && !orderIds.some((id) => store.orders.has(id)))
            problems.push(`${where(i)}: unknown order ${orderIds.join(' / ')}`);
          const tracking = strings(tool.input?.trackingNumber);
          if (tracking.length && !tracking.some((t) => store.tracking.has(trackingKey(t))))
            problems.push(`${where(i)}: unknown tracking number ${tracking.join(' / ')}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('keeps what one conversation changes out of every other conversation', () => {
    const problems: string[] = [];
    const text = new Map(conversations.map((c) => [c.id, JSON.stringify(c.turns)]));
    for (const conversation of conversations) {
      const store = indexes[conversation.store];
      const others = conversations.filter((c) => c.store === conversation.store && c.id !== conversation.id);
      const cancelled = approvedCalls(conversation, 'cancelOrder').flatMap((tool) => strings(tool.input?.orderId));
      const placed = approvedCalls(conversation, 'placeOrder');
      // Stock moves when an order is placed or a cancellation releases its units.
      const movedSkus = new Set([
        ...placed.flatMap(skusOf),
        ...cancelled.flatMap((id) => (store.orders.get(id)?.items ?? []).map((item) => item.sku)),
      ]);
      for (const other of others) {
        for (const id of cancelled) {
          if (text.get(other.id)?.includes(JSON.stringify(id)))
            problems.push(`${other.id} mentions ${id}, which ${conversation.id} cancels`);
        }
        for (const turn of other.turns) {
          for (const tool of expectedCalls(turn)) {
            if (tool.name !== 'checkInventory') continue;
            for (const sku of skusOf(tool)) {
              if (movedSkus.has(sku)) problems.push(`${other.id} checks the stock of ${sku}, which ${conversation.id} moves`);
            }
          }
        }
        // A new order becomes the buyer's latest: nobody else may ask for that buyer's order list.
        if (placed.length && other.shopper?.customerId === conversation.shopper?.customerId) {
          if (other.turns.some((turn) => expectedCalls(turn).some((tool) => tool.name === 'listMyOrders')))
            problems.push(`${other.id} lists the orders of ${other.shopper?.customerId}, who orders in ${conversation.id}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs against a demo store of the evaluation day', () => {
    // The demo store is generated for DEFAULT_DEMO_NOW; coupon windows must hold at the eval clock too.
    const save50 = stores.demo.coupons?.find((coupon) => coupon.code === 'SAVE50');
    expect(save50?.validUntil && Date.parse(save50.validUntil)).toBeGreaterThan(EVAL_NOW.getTime());
  });
});
