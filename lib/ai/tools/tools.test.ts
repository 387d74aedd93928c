import { asSchema, type FlexibleSchema, type ToolExecuteFunction } from 'ai';
import { describe, expect, it } from 'vitest';
import type { Shopper } from '@/lib/auth/shopper';
import { CommerceError } from '@/lib/commerce';
import type { PrismaClient } from '@/lib/db/client';
import { FIXTURE, stockOf, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { createShopTools, ORDER_CHANGING_TOOLS, SHOP_TOOL_NAMES, type ShopTools } from './index';
import { callStore, ToolFailure } from './tool-failure';

const signedIn: Shopper = { kind: 'customer', customerId: FIXTURE.customer };
const anonymous: Shopper = { kind: 'anonymous', visitorHash: 'a'.repeat(64) };

let conversationCounter = 0;
const newConversationId = () => `conv-tools-test-${++conversationCounter}-${Math.random().toString(36).slice(2)}`;

function toolsFor(db: PrismaClient, shopper: Shopper, conversationId = newConversationId()): ShopTools {
  return createShopTools({ db, shopper, conversationId, now: () => FIXTURE.now });
}

function isAsyncIterable<T>(value: AsyncIterable<T> | T): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Calls a tool's execute the way the tool loop does, with the options it requires. */
async function run<INPUT, OUTPUT>(
  shopTool: { execute: ToolExecuteFunction<INPUT, OUTPUT, Record<string, unknown>> },
  input: INPUT,
  toolCallId = 'call_1',
): Promise<OUTPUT> {
  const result = await shopTool.execute(input, { toolCallId, messages: [], context: {} });
  if (isAsyncIterable(result)) throw new Error('no shop tool streams its output');
  return result;
}

async function failure(promise: Promise<unknown>): Promise<ToolFailure> {
  const outcome = await promise.then(
    () => new Error('expected a ToolFailure, but it succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof ToolFailure) return outcome;
  throw outcome;
}

describe('callStore', () => {
  it('turns an unexpected error into store_unavailable, keeping the cause but not its text', async () => {
    const boom = new Error('connection to 10.0.0.7:5432 refused');
    const error = await failure(
      callStore(() => {
        throw boom;
      }),
    );
    expect(error.code).toBe('store_unavailable');
    expect(error.cause).toBe(boom);
    expect(error.message).not.toContain('10.0.0.7');
    expect(JSON.parse(error.message)).toEqual({ error: 'store_unavailable', message: error.shopperMessage });
  });

  it('keeps a commerce rule violation as its own code and message', async () => {
    const rule = new CommerceError('out_of_stock', 'Only 2 of X available, 3 requested.');
    const error = await failure(callStore(() => Promise.reject(rule)));
    expect(error.code).toBe('out_of_stock');
    expect(error.shopperMessage).toBe(rule.message);
    expect(error.cause).toBe(rule);
  });

  it('passes a ToolFailure through untouched', async () => {
    const original = new ToolFailure('contact_required', 'Ask for the email.');
    expect(await failure(callStore(() => Promise.reject(original)))).toBe(original);
  });
});

describe('tool schemas', () => {
  // Schemas and descriptions only: no tool is executed, so no database is needed.
  const tools = createShopTools({ db: {} as PrismaClient, shopper: anonymous, conversationId: 'schema', now: () => FIXTURE.now });

  it('exposes exactly the contract tool names, and the order-changing ones among them', () => {
    expect(Object.keys(tools).sort()).toEqual(
      [
        'searchProducts',
        'checkInventory',
        'quotePrice',
        'getOrder',
        'listMyOrders',
        'trackShipment',
        'placeOrder',
        'cancelOrder',
        'handOffToHuman',
      ].sort(),
    );
    expect([...SHOP_TOOL_NAMES].sort()).toEqual(Object.keys(tools).sort());
    expect(ORDER_CHANGING_TOOLS).toEqual(['placeOrder', 'cancelOrder']);
  });

  /** The schema as the model receives it (the SDK's own zod → JSON Schema conversion) and validates with. */
  const modelSchema = (inputSchema: FlexibleSchema<unknown>) => asSchema(inputSchema);

  /** Every property at any depth, with its path, from the JSON schema the model receives. */
  function properties(schema: unknown, path = ''): { path: string; node: Record<string, unknown> }[] {
    if (typeof schema !== 'object' || schema === null) return [];
    const node = schema as Record<string, unknown>;
    const found: { path: string; node: Record<string, unknown> }[] = [];
    const props = node.properties;
    if (typeof props === 'object' && props !== null) {
      for (const [name, child] of Object.entries(props)) {
        const childPath = path ? `${path}.${name}` : name;
        found.push({ path: childPath, node: child as Record<string, unknown> }, ...properties(child, childPath));
      }
    }
    if (node.items) found.push(...properties(node.items, `${path}[]`));
    return found;
  }

  it.each(Object.entries(tools))('%s: a description, and one on every input field', async (_name, shopTool) => {
    expect(shopTool.description?.length).toBeGreaterThan(80);
    const jsonSchema = await modelSchema(shopTool.inputSchema).jsonSchema;
    const fields = properties(jsonSchema);
    expect(fields.length).toBeGreaterThan(0);
    for (const { path, node } of fields) {
      expect({ path, description: typeof node.description === 'string' && node.description.length > 10 }).toEqual({
        path,
        description: true,
      });
    }
  });

  async function valid(shopTool: ShopTools[keyof ShopTools], input: unknown) {
    const validate = modelSchema(shopTool.inputSchema).validate;
    if (!validate) throw new Error('zod schemas validate');
    return validate(input);
  }

  it('bounds quantities and list sizes, trims text and defaults the quantity to 1', async () => {
    for (const quantity of [0, 100, 1.5, -1]) {
      expect((await valid(tools.quotePrice, { sku: 'X', quantity })).success).toBe(false);
      expect((await valid(tools.placeOrder, { items: [{ sku: 'X', quantity }] })).success).toBe(false);
    }
    expect(await valid(tools.quotePrice, { sku: '  NW-4471-B ' })).toEqual({
      success: true,
      value: { sku: 'NW-4471-B', quantity: 1 },
    });
    expect((await valid(tools.placeOrder, { items: [] })).success).toBe(false);
    expect(
      (await valid(tools.placeOrder, { items: Array.from({ length: 21 }, () => ({ sku: 'X', quantity: 1 })) })).success,
    ).toBe(false);
    expect((await valid(tools.searchProducts, { query: '   ' })).success).toBe(false);
    expect((await valid(tools.searchProducts, { query: 'x'.repeat(201) })).success).toBe(false);
    expect((await valid(tools.searchProducts, { query: 'shoe', limit: 21 })).success).toBe(false);
    expect((await valid(tools.listMyOrders, { limit: 0 })).success).toBe(false);
    expect((await valid(tools.handOffToHuman, { reason: '' })).success).toBe(false);
  });
});

describe.each(testDatabaseKinds())('shop tools on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  describe('searchProducts', () => {
    it('finds products by alias and echoes the query', async () => {
      const found = await run(toolsFor(db, anonymous).searchProducts, { query: '限量球鞋', limit: 3 });
      expect(found.query).toBe('限量球鞋');
      expect(found.results[0]).toMatchObject({ sku: FIXTURE.sneaker, price: '1299.00', score: 0.9 });
      expect(found.results.length).toBeLessThanOrEqual(3);
    });
  });

  describe('checkInventory', () => {
    it('reports stock per warehouse and the delivery window', async () => {
      const stock = await run(toolsFor(db, anonymous).checkInventory, { sku: FIXTURE.trail });
      expect(stock).toMatchObject({ sku: FIXTURE.trail, totalAvailable: 10, deliveryWindow: { min: 2, max: 3 } });
    });

    it('an unknown SKU is not_found', async () => {
      const error = await failure(run(toolsFor(db, anonymous).checkInventory, { sku: 'NO-SUCH-SKU' }));
      expect(error.code).toBe('not_found');
    });
  });

  describe('quotePrice', () => {
    it("applies a signed-in customer's own member level when none is stated", async () => {
      const quote = await run(toolsFor(db, signedIn).quotePrice, { sku: FIXTURE.sneaker, quantity: 1 });
      expect(quote).toMatchObject({
        subtotal: '1299.00',
        memberLevel: { code: 'gold', discountPercent: '10' },
        memberDiscount: '129.90',
        total: '1169.10',
        memberLevelSource: 'account',
      });
    });

    it('a stated level wins, even for a signed-in customer', async () => {
      const quote = await run(toolsFor(db, signedIn).quotePrice, { sku: FIXTURE.sneaker, quantity: 2, memberLevel: '白银会员' });
      expect(quote).toMatchObject({
        subtotal: '2598.00',
        memberDiscount: '129.90',
        total: '2468.10',
        memberLevelSource: 'stated',
      });
    });

    it('no discount for an anonymous shopper, or a customer without a level', async () => {
      for (const shopper of [anonymous, { kind: 'customer', customerId: FIXTURE.plainCustomer } satisfies Shopper]) {
        const quote = await run(toolsFor(db, shopper).quotePrice, { sku: FIXTURE.sneaker, quantity: 1, memberLevel: '' });
        expect(quote).toMatchObject({ memberLevel: null, memberDiscount: '0.00', total: '1299.00', memberLevelSource: 'none' });
      }
    });

    it("checks coupons against the turn's clock", async () => {
      const tools = toolsFor(db, signedIn);
      const applied = await run(tools.quotePrice, { sku: FIXTURE.sneaker, quantity: 1, couponCode: 'save50' });
      expect(applied).toMatchObject({ coupon: { code: 'SAVE50', applied: true, discount: '50.00' }, total: '1119.10' });
      const expired = await run(tools.quotePrice, { sku: FIXTURE.sneaker, quantity: 1, couponCode: 'EXPIRED10' });
      expect(expired).toMatchObject({ coupon: { applied: false, reason: 'expired' }, total: '1169.10' });
    });

    it('an unknown stated level is invalid_input naming the known ones', async () => {
      const error = await failure(
        run(toolsFor(db, anonymous).quotePrice, { sku: FIXTURE.sneaker, quantity: 1, memberLevel: 'diamond' }),
      );
      expect(error.code).toBe('invalid_input');
      expect(error.shopperMessage).toContain('gold');
    });

    it('a signed-in shopper with no customer record is not_found, not a silent full price', async () => {
      const ghost: Shopper = { kind: 'customer', customerId: 'C-GHOST' };
      const error = await failure(run(toolsFor(db, ghost).quotePrice, { sku: FIXTURE.sneaker, quantity: 1 }));
      expect(error.code).toBe('not_found');
    });
  });

  describe('getOrder', () => {
    it('shows a signed-in customer their own order, with the address; a contact they pass is ignored', async () => {
      const order = await run(toolsFor(db, signedIn).getOrder, { orderId: FIXTURE.shippedOrder, contact: 'li.na@example.com' });
      expect(order).toMatchObject({ id: FIXTURE.shippedOrder, status: 'shipped', total: '1169.10' });
      expect(order.shippingAddress).toMatchObject({ name: '张伟' });
    });

    it("another customer's order is not_found, exactly like a missing one, and reveals nothing of it", async () => {
      const tools = toolsFor(db, signedIn);
      const theirs = await failure(run(tools.getOrder, { orderId: FIXTURE.otherOrder }));
      const missing = await failure(run(tools.getOrder, { orderId: 'NW-ORDER-78' }));
      expect(theirs.code).toBe('not_found');
      expect(theirs.message).toBe(missing.message);
      for (const secret of [FIXTURE.otherOrder, 'Li Na', '804.05', FIXTURE.trail]) expect(theirs.message).not.toContain(secret);
    });

    it('asks an anonymous shopper for the contact on the order before looking', async () => {
      const tools = toolsFor(db, anonymous);
      for (const input of [{ orderId: FIXTURE.shippedOrder }, { orderId: FIXTURE.shippedOrder, contact: '' }]) {
        const error = await failure(run(tools.getOrder, input));
        expect(error.code).toBe('contact_required');
        expect(error.shopperMessage).toMatch(/email address or phone number/);
      }
    });

    it('shows an anonymous shopper the order for the right contact (no address), not_found for a wrong one', async () => {
      const tools = toolsFor(db, anonymous);
      const order = await run(tools.getOrder, { orderId: FIXTURE.shippedOrder, contact: '138-0013-8000' });
      expect(order).toMatchObject({ id: FIXTURE.shippedOrder, total: '1169.10' });
      expect(order).not.toHaveProperty('shippingAddress');
      const wrong = await failure(run(tools.getOrder, { orderId: FIXTURE.shippedOrder, contact: 'li.na@example.com' }));
      expect(wrong.code).toBe('not_found');
    });
  });

  describe('listMyOrders', () => {
    it('needs a signed-in shopper', async () => {
      const error = await failure(run(toolsFor(db, anonymous).listMyOrders, {}));
      expect(error.code).toBe('sign_in_required');
    });

    it("pages through the customer's own orders, newest first", async () => {
      const tools = toolsFor(db, signedIn);
      const first = await run(tools.listMyOrders, { limit: 1 });
      expect(first.orders.map((o) => o.id)).toEqual([FIXTURE.pendingOrder]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await run(tools.listMyOrders, { limit: 1, cursor: first.nextCursor ?? undefined });
      expect(second.orders.map((o) => o.id)).toEqual([FIXTURE.shippedOrder]);
      expect(second.orders[0]).toMatchObject({ total: '1169.10', itemCount: 1 });
    });

    it('a made-up cursor is invalid_input', async () => {
      const error = await failure(run(toolsFor(db, signedIn).listMyOrders, { cursor: 'not-a-cursor' }));
      expect(error.code).toBe('invalid_input');
    });
  });

  describe('trackShipment', () => {
    it('by tracking number, however it is typed, with events oldest first', async () => {
      const tracking = await run(toolsFor(db, anonymous).trackShipment, { trackingNumber: 'sf 1234-5678-90' });
      expect(tracking).toMatchObject({ lookup: 'trackingNumber', carrier: 'SF Express', status: 'in_transit' });
      expect('events' in tracking && tracking.events.map((e) => e.description)).toEqual(['已揽收', '运输中']);
    });

    it('by order, with the same viewer rules as getOrder', async () => {
      const mine = await run(toolsFor(db, signedIn).trackShipment, { orderId: FIXTURE.shippedOrder });
      expect(mine).toMatchObject({
        lookup: 'order',
        orderId: FIXTURE.shippedOrder,
        shipments: [{ trackingNumber: FIXTURE.tracking }],
      });

      const guest = toolsFor(db, anonymous);
      expect((await failure(run(guest.trackShipment, { orderId: FIXTURE.shippedOrder }))).code).toBe('contact_required');
      const withContact = await run(guest.trackShipment, { orderId: FIXTURE.shippedOrder, contact: 'zhangwei@example.com' });
      expect(withContact).toMatchObject({ lookup: 'order', orderId: FIXTURE.shippedOrder });

      expect((await failure(run(toolsFor(db, signedIn).trackShipment, { orderId: FIXTURE.otherOrder }))).code).toBe('not_found');
    });

    it('needs exactly one of tracking number and order number', async () => {
      const tools = toolsFor(db, signedIn);
      for (const input of [{}, { trackingNumber: FIXTURE.tracking, orderId: FIXTURE.shippedOrder }, { trackingNumber: '' }]) {
        expect((await failure(run(tools.trackShipment, input))).code).toBe('invalid_input');
      }
    });
  });

  describe('placeOrder', () => {
    const countOrders = () => db.order.count({ where: { customerId: FIXTURE.customer } });

    it('needs a signed-in shopper and places nothing otherwise', async () => {
      const before = await db.order.count();
      const error = await failure(run(toolsFor(db, anonymous).placeOrder, { items: [{ sku: FIXTURE.socks, quantity: 1 }] }));
      expect(error.code).toBe('sign_in_required');
      expect(await db.order.count()).toBe(before);
    });

    it('places one order per tool call: a retried call returns the same order', async () => {
      const conversationId = newConversationId();
      const tools = toolsFor(db, signedIn, conversationId);
      const before = await countOrders();
      const input = { items: [{ sku: FIXTURE.socks, quantity: 2 }] };

      const first = await run(tools.placeOrder, input, 'call_place_1');
      expect(first.replayed).toBe(false);
      // 2 × 49.90 = 99.80, gold member 10% = 9.98 off.
      expect(first.order).toMatchObject({ status: 'pending', total: '89.82', items: [{ sku: FIXTURE.socks, quantity: 2 }] });
      expect(first.order.placedAt).toBe(FIXTURE.now.toISOString());

      const retry = await run(toolsFor(db, signedIn, conversationId).placeOrder, input, 'call_place_1');
      expect(retry).toMatchObject({ replayed: true, order: { id: first.order.id } });
      expect(await countOrders()).toBe(before + 1);
      expect(await db.idempotencyKey.findUnique({ where: { key: `${conversationId}:call_place_1` } })).toMatchObject({
        orderId: first.order.id,
      });

      const second = await run(tools.placeOrder, input, 'call_place_2');
      expect(second.replayed).toBe(false);
      expect(second.order.id).not.toBe(first.order.id);
      expect(await countOrders()).toBe(before + 2);
    });

    it('the same tool call id in another conversation is another order', async () => {
      const before = await countOrders();
      const input = { items: [{ sku: FIXTURE.socks, quantity: 1 }] };
      const a = await run(toolsFor(db, signedIn).placeOrder, input, 'call_1');
      const b = await run(toolsFor(db, signedIn).placeOrder, input, 'call_1');
      expect(a.order.id).not.toBe(b.order.id);
      expect(await countOrders()).toBe(before + 2);
    });

    it('passes the store rules through: a coupon that does not apply, too little stock', async () => {
      const tools = toolsFor(db, signedIn);
      const before = await countOrders();
      const coupon = await failure(
        run(tools.placeOrder, { items: [{ sku: FIXTURE.socks, quantity: 1 }], couponCode: 'EXPIRED10' }, 'call_c'),
      );
      expect(coupon.code).toBe('coupon_not_applicable');
      const stock = await failure(run(tools.placeOrder, { items: [{ sku: FIXTURE.cap, quantity: 6 }] }, 'call_s'));
      expect(stock.code).toBe('out_of_stock');
      expect(stock.shopperMessage).toContain('Only 5');
      expect(await countOrders()).toBe(before);
    });
  });

  describe('cancelOrder', () => {
    it('needs a signed-in shopper', async () => {
      const error = await failure(run(toolsFor(db, anonymous).cancelOrder, { orderId: FIXTURE.pendingOrder }));
      expect(error.code).toBe('sign_in_required');
      expect(await db.order.findUnique({ where: { id: FIXTURE.pendingOrder }, select: { status: true } })).toEqual({
        status: 'pending',
      });
    });

    it("cannot touch another customer's order, and says so like a missing one", async () => {
      const error = await failure(run(toolsFor(db, signedIn).cancelOrder, { orderId: FIXTURE.otherOrder }));
      expect(error.code).toBe('not_found');
      expect(await db.order.findUnique({ where: { id: FIXTURE.otherOrder }, select: { status: true } })).toEqual({
        status: 'delivered',
      });
    });

    it('cancels an order the customer placed, giving the stock back; a second cancel is not_cancellable', async () => {
      const tools = toolsFor(db, signedIn);
      const stockBefore = await stockOf(db, FIXTURE.cap);
      const placed = await run(tools.placeOrder, { items: [{ sku: FIXTURE.cap, quantity: 4 }] }, 'call_cap');
      expect(await stockOf(db, FIXTURE.cap)).not.toEqual(stockBefore);

      const cancelled = await run(tools.cancelOrder, { orderId: placed.order.id });
      expect(cancelled.order.status).toBe('cancelled');
      expect(cancelled.released.reduce((sum, r) => sum + r.quantity, 0)).toBe(4);
      expect(await stockOf(db, FIXTURE.cap)).toEqual(stockBefore);

      const again = await failure(run(tools.cancelOrder, { orderId: placed.order.id }));
      expect(again.code).toBe('not_cancellable');
    });

    it('a shipped order is not_cancellable', async () => {
      const error = await failure(run(toolsFor(db, signedIn).cancelOrder, { orderId: FIXTURE.shippedOrder }));
      expect(error.code).toBe('not_cancellable');
    });
  });

  describe('handOffToHuman', () => {
    it('moves the conversation to the staff queue, once', async () => {
      const conversationId = newConversationId();
      await db.conversation.create({ data: { id: conversationId, customerId: FIXTURE.customer } });
      const tools = toolsFor(db, signedIn, conversationId);
      const reason = 'Wants to return order ORD-20241115-00001.';

      expect(await run(tools.handOffToHuman, { reason })).toEqual({ status: 'waiting_human', reason });
      expect(await run(tools.handOffToHuman, { reason })).toEqual({ status: 'waiting_human', reason });
      expect(await db.conversation.findUnique({ where: { id: conversationId }, select: { status: true } })).toEqual({
        status: 'waiting_human',
      });
    });

    it('leaves a conversation a person already has with that person', async () => {
      const conversationId = newConversationId();
      await db.conversation.create({ data: { id: conversationId, visitorHash: anonymous.kind, status: 'human' } });
      expect(await run(toolsFor(db, anonymous, conversationId).handOffToHuman, { reason: 'Asked for a person.' })).toMatchObject({
        status: 'human',
      });
    });

    it('an unknown conversation is an unexpected error: store_unavailable, with the cause kept for staff', async () => {
      const error = await failure(
        run(toolsFor(db, signedIn, 'conv-does-not-exist').handOffToHuman, { reason: 'Asked for a person.' }),
      );
      expect(error.code).toBe('store_unavailable');
      expect(error.cause).toBeInstanceOf(Error);
    });
  });
});
