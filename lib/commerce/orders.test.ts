import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import type { OrderStatus } from '@/lib/db/generated/client';
import { addProduct, FIXTURE, stockOf, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { getAvailability } from './availability';
import { CommerceError } from './errors';
import {
  cancelOrder,
  changeOrderStatus,
  changeOrderStatusInTransaction,
  getOrder,
  listOrders,
  ORDER_STATUS_CHANGES,
  placeOrder,
  type Viewer,
} from './orders';

const owner: Viewer = { kind: 'customer', customerId: FIXTURE.customer };

async function failure(promise: Promise<unknown>): Promise<CommerceError> {
  const outcome = await promise.then(
    () => new Error('expected a CommerceError, but it succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof CommerceError) return outcome;
  throw outcome;
}

let keyCounter = 0;
const newKey = () => `test-key-${++keyCounter}-${Math.random().toString(36).slice(2)}`;

describe.each(testDatabaseKinds())('orders on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  describe('getOrder', () => {
    it('shows the owner their order with items, shipments and address', async () => {
      const order = await getOrder(db, FIXTURE.shippedOrder, owner);
      expect(order).toEqual({
        id: FIXTURE.shippedOrder,
        status: 'shipped',
        placedAt: '2026-11-15T02:02:00.000Z',
        items: [
          {
            sku: FIXTURE.sneaker,
            name: '限量版复古球鞋',
            quantity: 1,
            unitPrice: '1299.00',
            discount: '129.90',
            lineTotal: '1169.10',
          },
        ],
        couponCode: null,
        shippingFee: '0.00',
        total: '1169.10',
        shipments: [
          { carrier: 'SF Express', trackingNumber: FIXTURE.tracking, status: 'in_transit', estimatedDelivery: '2026-11-18' },
        ],
        shippingAddress: expect.objectContaining({ name: '张伟', phone: '021-5555-0101', city: '上海', country: 'CN' }),
      });
    });

    it.each([
      ['the customer email, any case', 'ZhangWei@Example.COM'],
      ['the customer phone, formatted', '138-0013-8000'],
      ['the customer phone with country code', '+86 138 0013 8000'],
      ['the shipping address phone', '(021) 5555 0101'],
    ])('lets a guest in with %s, without the address', async (_label, contact) => {
      const order = await getOrder(db, FIXTURE.shippedOrder, { kind: 'guest', contact });
      expect(order.id).toBe(FIXTURE.shippedOrder);
      expect(order.total).toBe('1169.10');
      expect(order).not.toHaveProperty('shippingAddress');
    });

    it('answers "not yours" exactly like "does not exist" (code, message and details)', async () => {
      const attempts: Viewer[] = [
        { kind: 'guest', contact: 'someone@example.com' },
        { kind: 'guest', contact: 'li.na@example.com' }, // another customer's email
        { kind: 'guest', contact: '13900000000' },
        { kind: 'guest', contact: '8000' }, // a tail of the right phone is not enough
        { kind: 'guest', contact: '  ' },
        { kind: 'customer', customerId: FIXTURE.otherCustomer },
        { kind: 'customer', customerId: 'C-9999' },
      ];
      const shape = (e: CommerceError) => ({ name: e.name, code: e.code, message: e.message, details: e.details });
      const absent = shape(await failure(getOrder(db, 'ORD-DOES-NOT-EXIST', { kind: 'guest', contact: 'zhangwei@example.com' })));
      expect(absent.code).toBe('not_found');
      for (const viewer of attempts) {
        expect(shape(await failure(getOrder(db, FIXTURE.shippedOrder, viewer)))).toEqual(absent);
        expect(shape(await failure(getOrder(db, 'ORD-DOES-NOT-EXIST', viewer)))).toEqual(absent);
      }
    });
  });

  describe('listOrders', () => {
    it('lists newest first in pages', async () => {
      const first = await listOrders(db, FIXTURE.customer, { limit: 1 });
      expect(first.orders.map((o) => o.id)).toEqual([FIXTURE.pendingOrder]);
      expect(first.orders[0]).toMatchObject({
        status: 'pending',
        total: '99.80',
        itemCount: 2,
        items: [{ sku: FIXTURE.socks, name: '运动袜三双装', quantity: 2 }],
      });
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await listOrders(db, FIXTURE.customer, { limit: 1, cursor: first.nextCursor });
      expect(second.orders.map((o) => o.id)).toEqual([FIXTURE.shippedOrder]);
      const other = await listOrders(db, FIXTURE.otherCustomer);
      expect(other.orders.map((o) => o.id)).toEqual([FIXTURE.otherOrder]);
      expect(other.nextCursor).toBeNull();
    });

    it('gives a known customer without orders an empty list, not an error', async () => {
      expect(await listOrders(db, FIXTURE.plainCustomer)).toEqual({ orders: [], nextCursor: null });
    });

    it('refuses unknown customers and bad cursors', async () => {
      expect((await failure(listOrders(db, 'C-404'))).code).toBe('not_found');
      expect((await failure(listOrders(db, FIXTURE.customer, { cursor: 'garbage' }))).code).toBe('invalid_input');
    });
  });

  describe('placeOrder', () => {
    it('prices, reserves and records an order in one go', async () => {
      const before = await stockOf(db, FIXTURE.sneaker);
      const timesUsedBefore = (await db.coupon.findUniqueOrThrow({ where: { code: 'SAVE50' } })).timesUsed;
      const { order, replayed } = await placeOrder(db, {
        customerId: FIXTURE.customer,
        items: [
          { sku: FIXTURE.sneaker, quantity: 1 },
          { sku: FIXTURE.socks, quantity: 2 },
        ],
        couponCode: 'save50',
        idempotencyKey: newKey(),
        now: FIXTURE.now,
      });
      expect(replayed).toBe(false);
      expect(order.id).toMatch(/^ORD-20260601-[0-9A-F]{10}$/);
      // gold: 1169.10 + (99.80 − 9.98 = 89.82) = 1258.92, SAVE50 → 1208.92
      expect(order).toMatchObject({
        status: 'pending',
        placedAt: FIXTURE.now.toISOString(),
        couponCode: 'SAVE50',
        shippingFee: '0.00',
        total: '1208.92',
        shipments: [],
        items: [
          { sku: FIXTURE.sneaker, quantity: 1, unitPrice: '1299.00', discount: '129.90', lineTotal: '1169.10' },
          { sku: FIXTURE.socks, quantity: 2, unitPrice: '49.90', discount: '9.98', lineTotal: '89.82' },
        ],
      });
      // Most available warehouse first: EAST-1 (23) for the sneaker, EAST-1 (200) for the socks.
      const reservations = await db.stockReservation.findMany({ where: { orderId: order.id }, orderBy: { sku: 'asc' } });
      expect(reservations.map((r) => [r.sku, r.warehouseCode, r.quantity])).toEqual([
        [FIXTURE.socks, 'EAST-1', 2],
        [FIXTURE.sneaker, 'EAST-1', 1],
      ]);
      const after = await stockOf(db, FIXTURE.sneaker);
      expect(after['EAST-1']?.reserved).toBe((before['EAST-1']?.reserved ?? 0) + 1);
      expect((await db.coupon.findUniqueOrThrow({ where: { code: 'SAVE50' } })).timesUsed).toBe(timesUsedBefore + 1);
      expect(await getOrder(db, order.id, owner)).toMatchObject({ id: order.id, total: '1208.92' });
    });

    it('splits a line across warehouses when one is not enough', async () => {
      await addProduct(db, {
        sku: 'SPLIT-1',
        name: 'Split Tent',
        category: 'camping',
        price: '10.00',
        stock: { 'EAST-1': 2, 'SOUTH-1': 3, 'NORTH-1': 1 },
      });
      const { order } = await placeOrder(db, {
        customerId: FIXTURE.plainCustomer,
        items: [{ sku: 'SPLIT-1', quantity: 5 }],
        idempotencyKey: newKey(),
      });
      const reservations = await db.stockReservation.findMany({ where: { orderId: order.id }, orderBy: { id: 'asc' } });
      expect(reservations.map((r) => [r.warehouseCode, r.quantity])).toEqual([
        ['SOUTH-1', 3],
        ['EAST-1', 2],
      ]);
      expect(order.total).toBe('50.00');
      expect((await getAvailability(db, 'SPLIT-1')).totalAvailable).toBe(1);
    });

    it('writes nothing when stock is short', async () => {
      await addProduct(db, { sku: 'SHORT-1', name: 'Short Supply', category: 'camping', price: '10.00', stock: { 'EAST-1': 2 } });
      const ordersBefore = await db.order.count();
      const couponBefore = (await db.coupon.findUniqueOrThrow({ where: { code: 'SAVE50' } })).timesUsed;
      const key = newKey();
      const error = await failure(
        placeOrder(db, {
          customerId: FIXTURE.customer,
          items: [
            { sku: FIXTURE.sneaker, quantity: 1 },
            { sku: 'SHORT-1', quantity: 3 },
          ],
          couponCode: 'SAVE50',
          idempotencyKey: key,
          now: FIXTURE.now,
        }),
      );
      expect(error.code).toBe('out_of_stock');
      expect(error.details).toEqual({ sku: 'SHORT-1', requested: 3, available: 2 });
      expect(await db.order.count()).toBe(ordersBefore);
      expect((await db.coupon.findUniqueOrThrow({ where: { code: 'SAVE50' } })).timesUsed).toBe(couponBefore);
      expect(await db.idempotencyKey.findUnique({ where: { key } })).toBeNull();
      expect(await stockOf(db, 'SHORT-1')).toEqual({ 'EAST-1': { onHand: 2, reserved: 0 } });
    });

    it('validates customer, products, quantities and coupon', async () => {
      const base = { customerId: FIXTURE.customer, items: [{ sku: FIXTURE.trail, quantity: 1 }], now: FIXTURE.now };
      expect((await failure(placeOrder(db, { ...base, customerId: 'C-404', idempotencyKey: newKey() }))).code).toBe('not_found');
      expect(
        (await failure(placeOrder(db, { ...base, items: [{ sku: 'NOPE', quantity: 1 }], idempotencyKey: newKey() }))).code,
      ).toBe('not_found');
      expect(
        (await failure(placeOrder(db, { ...base, items: [{ sku: FIXTURE.jacket, quantity: 1 }], idempotencyKey: newKey() })))
          .code,
      ).toBe('product_unavailable');
      for (const quantity of [0, -2, 1.5]) {
        expect(
          (await failure(placeOrder(db, { ...base, items: [{ sku: FIXTURE.trail, quantity }], idempotencyKey: newKey() }))).code,
        ).toBe('invalid_input');
      }
      expect((await failure(placeOrder(db, { ...base, items: [], idempotencyKey: newKey() }))).code).toBe('invalid_input');
      expect((await failure(placeOrder(db, { ...base, idempotencyKey: '' }))).code).toBe('invalid_input');
      const expired = await failure(placeOrder(db, { ...base, couponCode: 'EXPIRED10', idempotencyKey: newKey() }));
      expect(expired).toMatchObject({ code: 'coupon_not_applicable', details: { code: 'EXPIRED10', reason: 'expired' } });
    });

    it('respects a coupon usage limit when placing', async () => {
      const base = {
        customerId: FIXTURE.customer,
        items: [{ sku: FIXTURE.socks, quantity: 1 }],
        couponCode: 'once',
        now: FIXTURE.now,
      };
      const first = await placeOrder(db, { ...base, idempotencyKey: newKey() });
      expect(first.order.couponCode).toBe('ONCE');
      const second = await failure(placeOrder(db, { ...base, idempotencyKey: newKey() }));
      expect(second).toMatchObject({ code: 'coupon_not_applicable', details: { reason: 'used_up' } });
      expect((await db.coupon.findUniqueOrThrow({ where: { code: 'ONCE' } })).timesUsed).toBe(1);
    });

    it('50 concurrent orders for the last 5 units: exactly 5 succeed', async () => {
      await addProduct(db, {
        sku: 'LAST-5',
        name: 'Last Five',
        category: 'camping',
        price: '20.00',
        stock: { 'EAST-1': 3, 'SOUTH-1': 2 },
      });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          placeOrder(db, {
            customerId: i % 2 ? FIXTURE.customer : FIXTURE.otherCustomer,
            items: [{ sku: 'LAST-5', quantity: 1 }],
            idempotencyKey: `race-${kind}-${i}`,
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(5);
      expect(lost).toHaveLength(45);
      for (const r of lost) expect(r.reason).toMatchObject({ code: 'out_of_stock' });
      expect(await stockOf(db, 'LAST-5')).toEqual({
        'EAST-1': { onHand: 3, reserved: 3 },
        'SOUTH-1': { onHand: 2, reserved: 2 },
      });
      expect((await getAvailability(db, 'LAST-5')).totalAvailable).toBe(0);
      expect(await db.orderItem.count({ where: { sku: 'LAST-5' } })).toBe(5);
      const reserved = await db.stockReservation.aggregate({ where: { sku: 'LAST-5' }, _sum: { quantity: true } });
      expect(reserved._sum.quantity).toBe(5);
    });

    it('replays the same key + request: same order, one order (sequential)', async () => {
      const request = { customerId: FIXTURE.customer, items: [{ sku: FIXTURE.trail, quantity: 1 }], idempotencyKey: newKey() };
      const first = await placeOrder(db, request);
      const second = await placeOrder(db, { ...request, items: [{ sku: FIXTURE.trail, quantity: 1 }] });
      expect(first.replayed).toBe(false);
      expect(second.replayed).toBe(true);
      expect(second.order.id).toBe(first.order.id);
      expect(await db.order.count({ where: { id: first.order.id } })).toBe(1);
      expect(await db.stockReservation.count({ where: { orderId: first.order.id } })).toBe(1);
    });

    it('replays the same key + request: same order, one order (concurrent)', async () => {
      const ordersBefore = await db.order.count();
      const availableBefore = (await getAvailability(db, FIXTURE.socks)).totalAvailable;
      const request = {
        customerId: FIXTURE.otherCustomer,
        items: [{ sku: FIXTURE.socks, quantity: 3 }],
        idempotencyKey: newKey(),
      };
      const results = await Promise.all(Array.from({ length: 10 }, () => placeOrder(db, request)));
      const ids = new Set(results.map((r) => r.order.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(await db.order.count()).toBe(ordersBefore + 1);
      expect((await getAvailability(db, FIXTURE.socks)).totalAvailable).toBe(availableBefore - 3);
    });

    it('refuses the same key with a different request', async () => {
      const key = newKey();
      await placeOrder(db, { customerId: FIXTURE.customer, items: [{ sku: FIXTURE.trail, quantity: 1 }], idempotencyKey: key });
      const ordersBefore = await db.order.count();
      const error = await failure(
        placeOrder(db, { customerId: FIXTURE.customer, items: [{ sku: FIXTURE.trail, quantity: 2 }], idempotencyKey: key }),
      );
      expect(error.code).toBe('idempotency_conflict');
      expect(await db.order.count()).toBe(ordersBefore);
      // and concurrently: one wins, the other conflicts
      const raceKey = newKey();
      const [a, b] = await Promise.allSettled([
        placeOrder(db, { customerId: FIXTURE.customer, items: [{ sku: FIXTURE.trail, quantity: 1 }], idempotencyKey: raceKey }),
        placeOrder(db, {
          customerId: FIXTURE.otherCustomer,
          items: [{ sku: FIXTURE.trail, quantity: 1 }],
          idempotencyKey: raceKey,
        }),
      ]);
      const statuses = [a?.status, b?.status].sort();
      expect(statuses).toEqual(['fulfilled', 'rejected']);
      const rejected = [a, b].find((r): r is PromiseRejectedResult => r?.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: 'idempotency_conflict' });
      expect(await db.order.count()).toBe(ordersBefore + 1);
    });
  });

  describe('cancelOrder', () => {
    it('releases exactly the reserved stock and deletes the reservations', async () => {
      const before = (await getAvailability(db, FIXTURE.sneaker)).totalAvailable;
      const { order } = await placeOrder(db, {
        customerId: FIXTURE.customer,
        items: [{ sku: FIXTURE.sneaker, quantity: 4 }],
        idempotencyKey: newKey(),
      });
      expect((await getAvailability(db, FIXTURE.sneaker)).totalAvailable).toBe(before - 4);

      const result = await cancelOrder(db, order.id, owner);
      expect(result.order.status).toBe('cancelled');
      expect(result.released).toEqual([{ sku: FIXTURE.sneaker, warehouseCode: 'EAST-1', quantity: 4 }]);
      expect((await getAvailability(db, FIXTURE.sneaker)).totalAvailable).toBe(before);
      expect(await db.stockReservation.count({ where: { orderId: order.id } })).toBe(0);

      const again = await failure(cancelOrder(db, order.id, owner));
      expect(again.code).toBe('not_cancellable');
      expect(again.message).toContain('cancelled');
      expect((await getAvailability(db, FIXTURE.sneaker)).totalAvailable).toBe(before);
    });

    it('lets a guest cancel with the right contact, and hides the order from others', async () => {
      const { order } = await placeOrder(db, {
        customerId: FIXTURE.otherCustomer,
        items: [{ sku: FIXTURE.trail, quantity: 1 }],
        idempotencyKey: newKey(),
      });
      const stranger = await failure(cancelOrder(db, order.id, { kind: 'guest', contact: 'zhangwei@example.com' }));
      const missing = await failure(cancelOrder(db, 'NO-SUCH-ORDER', { kind: 'guest', contact: 'zhangwei@example.com' }));
      expect(stranger.code).toBe('not_found');
      expect(stranger.message).toBe(missing.message);
      expect((await getOrder(db, order.id, { kind: 'customer', customerId: FIXTURE.otherCustomer })).status).toBe('pending');
      const cancelled = await cancelOrder(db, order.id, { kind: 'guest', contact: '13900139000' });
      expect(cancelled.order.status).toBe('cancelled');
      expect(cancelled.order).not.toHaveProperty('shippingAddress');
    });

    it('refuses shipped or delivered orders, naming the status', async () => {
      const shipped = await failure(cancelOrder(db, FIXTURE.shippedOrder, owner));
      expect(shipped.code).toBe('not_cancellable');
      expect(shipped.message).toContain('shipped');
      expect((await getOrder(db, FIXTURE.shippedOrder, owner)).status).toBe('shipped');
    });

    it('cancels an imported pending order that has no reservations', async () => {
      const result = await cancelOrder(db, FIXTURE.pendingOrder, owner);
      expect(result.order.status).toBe('cancelled');
      expect(result.released).toEqual([]);
    });
  });
});

describe.each(testDatabaseKinds())('order status changes from the shop (changeOrderStatus) on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });
  const STATUSES = Object.keys(ORDER_STATUS_CHANGES) as OrderStatus[];

  async function placed(quantity: number): Promise<string> {
    const { order } = await placeOrder(db, {
      customerId: FIXTURE.customer,
      items: [{ sku: FIXTURE.sneaker, quantity }],
      idempotencyKey: newKey(),
      now: FIXTURE.now,
    });
    return order.id;
  }

  it('walks pending → paid → processing → shipped → delivered → refunded; the units leave the warehouse when it ships', async () => {
    const before = await stockOf(db, FIXTURE.sneaker);
    const id = await placed(3);
    expect((await stockOf(db, FIXTURE.sneaker))['EAST-1']).toEqual({
      onHand: before['EAST-1']?.onHand,
      reserved: (before['EAST-1']?.reserved ?? 0) + 3,
    });
    const steps = [];
    for (const status of ['paid', 'processing', 'shipped', 'delivered', 'refunded'] as const) {
      steps.push(await changeOrderStatus(db, id, status));
      expect((await getOrder(db, id, owner)).status).toBe(status);
    }
    expect(steps.map((s) => [s.previousStatus, s.status, s.changed, s.stock])).toEqual([
      ['pending', 'paid', true, null],
      ['paid', 'processing', true, null],
      ['processing', 'shipped', true, 'shipped'],
      ['shipped', 'delivered', true, null],
      ['delivered', 'refunded', true, null],
    ]);
    // Shipped: on hand and reserved both down by 3 — what an import of a shipped order gives.
    expect((await stockOf(db, FIXTURE.sneaker))['EAST-1']).toEqual({
      onHand: (before['EAST-1']?.onHand ?? 0) - 3,
      reserved: before['EAST-1']?.reserved ?? 0,
    });
    expect(await db.stockReservation.count({ where: { orderId: id } })).toBe(0);
  });

  it('cancelling or refunding before shipping gives the reserved units back, as cancelOrder does', async () => {
    const before = (await getAvailability(db, FIXTURE.sneaker)).totalAvailable;
    const cancelled = await placed(2);
    const refunded = await placed(1);
    expect((await getAvailability(db, FIXTURE.sneaker)).totalAvailable).toBe(before - 3);
    expect(await changeOrderStatus(db, cancelled, 'cancelled')).toMatchObject({ changed: true, stock: 'released' });
    await changeOrderStatus(db, refunded, 'paid');
    expect(await changeOrderStatus(db, refunded, 'refunded')).toMatchObject({ changed: true, stock: 'released' });
    expect((await getAvailability(db, FIXTURE.sneaker)).totalAvailable).toBe(before);
    expect(await db.stockReservation.count({ where: { orderId: { in: [cancelled, refunded] } } })).toBe(0);
  });

  it('the status it already has is a no-op: nothing written, the stock untouched', async () => {
    const id = await placed(1);
    await changeOrderStatus(db, id, 'paid');
    const row = await db.order.findUniqueOrThrow({ where: { id } });
    const stock = await stockOf(db, FIXTURE.sneaker);
    expect(await changeOrderStatus(db, id, 'paid')).toEqual({
      orderId: id,
      previousStatus: 'paid',
      status: 'paid',
      changed: false,
      stock: null,
    });
    expect(await db.order.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await stockOf(db, FIXTURE.sneaker)).toEqual(stock);
  });

  it('follows the status machine for every pair of statuses; a refused change names both and changes nothing', async () => {
    const id = await placed(1);
    await db.stockReservation.deleteMany({ where: { orderId: id } }); // the matrix is about statuses only
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        await db.order.update({ where: { id }, data: { status: from } });
        const outcome = await changeOrderStatus(db, id, to).then(
          (change) => (change.changed ? 'changed' : 'same'),
          (error: unknown) => error,
        );
        const expected = from === to ? 'same' : ORDER_STATUS_CHANGES[from].includes(to) ? 'changed' : 'refused';
        if (expected === 'refused') {
          expect(outcome).toBeInstanceOf(CommerceError);
          const error = outcome as CommerceError;
          expect([from, to, error.code]).toEqual([from, to, to === 'cancelled' ? 'not_cancellable' : 'invalid_status_change']);
          expect(error.message).toContain(`from ${from} to ${to}`);
          expect(error.details).toEqual({ orderId: id, from, to });
          expect((await db.order.findUniqueOrThrow({ where: { id } })).status).toBe(from);
        } else {
          expect([from, to, outcome]).toEqual([from, to, expected]);
          expect((await db.order.findUniqueOrThrow({ where: { id } })).status).toBe(to);
        }
      }
    }
  });

  it('spells out what may follow, and that cancelled and refunded are final', async () => {
    const id = await placed(1);
    await changeOrderStatus(db, id, 'paid');
    await changeOrderStatus(db, id, 'processing');
    await changeOrderStatus(db, id, 'shipped');
    const back = await failure(changeOrderStatus(db, id, 'paid'));
    expect(back.message).toBe(`Order ${id} cannot go from shipped to paid: from shipped it can only become delivered, refunded.`);
    const late = await failure(changeOrderStatus(db, id, 'cancelled'));
    expect(late.code).toBe('not_cancellable');
    await changeOrderStatus(db, id, 'refunded');
    const final = await failure(changeOrderStatus(db, id, 'delivered'));
    expect(final.message).toBe(`Order ${id} cannot go from refunded to delivered: that is final.`);
  });

  it('an unknown order is not_found naming it; an unknown status is invalid_input', async () => {
    const missing = await failure(changeOrderStatus(db, 'NO-SUCH-ORDER', 'paid'));
    expect(missing).toMatchObject({ code: 'not_found', message: 'No order "NO-SUCH-ORDER".' });
    const bogus = await failure(changeOrderStatus(db, FIXTURE.pendingOrder, 'lost' as OrderStatus));
    expect(bogus).toMatchObject({ code: 'invalid_input', details: { field: 'status' } });
  });

  it('concurrent reports of the same shipping move the stock once', async () => {
    const before = await stockOf(db, FIXTURE.sneaker);
    const id = await placed(2);
    await changeOrderStatus(db, id, 'paid');
    const results = await Promise.all(Array.from({ length: 8 }, () => changeOrderStatus(db, id, 'shipped')));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(results.filter((r) => r.stock === 'shipped')).toHaveLength(1);
    expect((await stockOf(db, FIXTURE.sneaker))['EAST-1']).toEqual({
      onHand: (before['EAST-1']?.onHand ?? 0) - 2,
      reserved: before['EAST-1']?.reserved ?? 0,
    });
  });

  it('runs inside the caller’s transaction: rolled back with it', async () => {
    const id = await placed(1);
    const rolledBack = await db
      .$transaction(async (tx) => {
        await changeOrderStatusInTransaction(tx, id, 'cancelled');
        throw new Error('the caller gives up');
      })
      .catch((error: unknown) => error);
    expect(rolledBack).toBeInstanceOf(Error);
    expect((await getOrder(db, id, owner)).status).toBe('pending');
    expect(await db.stockReservation.count({ where: { orderId: id } })).toBe(1);
  });
});
