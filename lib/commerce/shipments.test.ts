import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import { FIXTURE, stockOf, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { CommerceError } from './errors';
import { changeOrderStatus, getOrder, placeOrder } from './orders';
import { applyShipmentUpdate, applyShipmentUpdateInTransaction, trackShipment } from './shipments';

const EXPECTED = {
  carrier: 'SF Express',
  trackingNumber: FIXTURE.tracking,
  status: 'in_transit',
  estimatedDelivery: '2026-11-18',
  events: [
    { at: '2026-11-15T10:00:00.000Z', location: '上海', description: '已揽收' },
    { at: '2026-11-16T01:00:00.000Z', location: '杭州', description: '运输中' },
  ],
};

describe.each(testDatabaseKinds())('trackShipment on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  it.each([FIXTURE.tracking, 'sf 1234 567 890', 'sf-1234-567890', ' Sf1234567890 '])(
    'tracks %j, events oldest first, revealing nothing else',
    async (trackingNumber) => {
      const tracking = await trackShipment(db, { trackingNumber });
      expect(tracking).toEqual(EXPECTED);
      expect(Object.keys(tracking).sort()).toEqual(['carrier', 'estimatedDelivery', 'events', 'status', 'trackingNumber']);
      const serialized = JSON.stringify(tracking);
      for (const secret of [
        FIXTURE.shippedOrder,
        FIXTURE.customer,
        '张伟',
        '1 Test Road',
        FIXTURE.sneaker,
        '1169.10',
        'zhangwei',
      ]) {
        expect(serialized).not.toContain(secret);
      }
      for (const key of ['orderId', 'order', 'customer', 'customerId', 'items', 'shippingAddress', 'address', 'id', 'total']) {
        expect(tracking).not.toHaveProperty(key);
      }
    },
  );

  it('unknown tracking numbers are not_found; blank ones invalid', async () => {
    await expect(trackShipment(db, { trackingNumber: 'SF000' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(trackShipment(db, { trackingNumber: ' - ' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('tracks by order for the owner or a guest with the right contact', async () => {
    const byOwner = await trackShipment(db, {
      orderId: FIXTURE.shippedOrder,
      viewer: { kind: 'customer', customerId: FIXTURE.customer },
    });
    expect(byOwner).toEqual({ orderId: FIXTURE.shippedOrder, shipments: [EXPECTED] });
    const byGuest = await trackShipment(db, { orderId: FIXTURE.shippedOrder, viewer: { kind: 'guest', contact: '13800138000' } });
    expect(byGuest.shipments).toEqual([EXPECTED]);
    const none = await trackShipment(db, {
      orderId: FIXTURE.pendingOrder,
      viewer: { kind: 'customer', customerId: FIXTURE.customer },
    });
    expect(none).toEqual({ orderId: FIXTURE.pendingOrder, shipments: [] });
  });

  it('by order follows getOrder visibility: strangers get the missing-order error', async () => {
    const viewer = { kind: 'guest', contact: 'wrong@example.com' } as const;
    const denied = await trackShipment(db, { orderId: FIXTURE.shippedOrder, viewer }).catch((e: unknown) => e);
    const missing = await getOrder(db, 'NOPE', viewer).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(CommerceError);
    expect(denied).toEqual(missing);
    expect(denied).toMatchObject({ code: 'not_found', message: (missing as CommerceError).message });
  });
});

describe.each(testDatabaseKinds())('carrier updates from the shop (applyShipmentUpdate) on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });
  const owner = { kind: 'customer', customerId: FIXTURE.customer } as const;
  let keys = 0;

  async function paidOrder(quantity = 1): Promise<string> {
    const { order } = await placeOrder(db, {
      customerId: FIXTURE.customer,
      items: [{ sku: FIXTURE.sneaker, quantity }],
      idempotencyKey: `shipments-test-${++keys}`,
      now: FIXTURE.now,
    });
    await changeOrderStatus(db, order.id, 'paid');
    return order.id;
  }

  async function failure(promise: Promise<unknown>): Promise<CommerceError> {
    const outcome = await promise.then(
      () => new Error('expected a CommerceError'),
      (error: unknown) => error,
    );
    if (outcome instanceof CommerceError) return outcome;
    throw outcome;
  }

  it('a new tracking number creates the shipment; once it is with the carrier the paid order ships and its units leave', async () => {
    const before = await stockOf(db, FIXTURE.sneaker);
    const orderId = await paidOrder(2);
    const label = await applyShipmentUpdate(db, {
      orderId,
      trackingNumber: 'YT 0001-NEW',
      carrier: 'YTO',
      estimatedDelivery: '2026-06-05',
    });
    expect(label).toEqual({
      orderId,
      trackingNumber: 'YT 0001-NEW',
      shipment: 'created',
      previousStatus: null,
      status: 'label_created',
      estimatedDelivery: '2026-06-05',
      eventsAdded: 0,
      order: { previousStatus: 'paid', status: 'paid', changed: false },
    });
    const picked = await applyShipmentUpdate(db, {
      orderId,
      trackingNumber: 'yt0001new',
      status: 'in_transit',
      events: [{ at: new Date('2026-06-02T08:00:00Z'), location: ' 上海 ', description: ' 已揽收 ' }],
    });
    expect(picked).toMatchObject({
      trackingNumber: 'YT 0001-NEW',
      shipment: 'updated',
      previousStatus: 'label_created',
      status: 'in_transit',
      eventsAdded: 1,
      order: { previousStatus: 'paid', status: 'shipped', changed: true },
    });
    expect(await getOrder(db, orderId, owner)).toMatchObject({
      status: 'shipped',
      shipments: [{ carrier: 'YTO', trackingNumber: 'YT 0001-NEW', status: 'in_transit', estimatedDelivery: '2026-06-05' }],
    });
    expect(await trackShipment(db, { trackingNumber: 'YT0001NEW' })).toEqual({
      carrier: 'YTO',
      trackingNumber: 'YT 0001-NEW',
      status: 'in_transit',
      estimatedDelivery: '2026-06-05',
      events: [{ at: '2026-06-02T08:00:00.000Z', location: '上海', description: '已揽收' }],
    });
    expect((await stockOf(db, FIXTURE.sneaker))['EAST-1']).toEqual({
      onHand: (before['EAST-1']?.onHand ?? 0) - 2,
      reserved: before['EAST-1']?.reserved ?? 0,
    });
  });

  it('adds only the events it does not have (same time and description), oldest first; a repeat changes nothing', async () => {
    const update = {
      orderId: FIXTURE.shippedOrder,
      trackingNumber: 'sf-1234-567-890',
      status: 'out_for_delivery',
      events: [
        { at: new Date('2026-11-16T09:00:00+08:00'), location: '杭州', description: '运输中' }, // stored already
        { at: new Date('2026-11-17T07:30:00+08:00'), location: '杭州', description: '派送中' },
        { at: new Date('2026-11-17T07:30:00+08:00'), location: '杭州', description: '派送中' }, // twice in one update
        { at: new Date('2026-11-16T09:00:00+08:00'), description: '到达杭州转运中心' }, // same time, other description
      ],
    } as const;
    const first = await applyShipmentUpdate(db, update);
    expect(first).toMatchObject({
      shipment: 'updated',
      previousStatus: 'in_transit',
      status: 'out_for_delivery',
      eventsAdded: 2,
    });
    expect(first.order).toEqual({ previousStatus: 'shipped', status: 'shipped', changed: false });
    const tracking = await trackShipment(db, { trackingNumber: FIXTURE.tracking });
    expect(tracking.events.map((e) => e.description)).toEqual(['已揽收', '运输中', '到达杭州转运中心', '派送中']);
    expect(tracking.status).toBe('out_for_delivery');

    const rows = await db.shipmentEvent.count();
    const again = await applyShipmentUpdate(db, update);
    expect(again).toMatchObject({ shipment: 'unchanged', eventsAdded: 0, order: { changed: false } });
    expect(await db.shipmentEvent.count()).toBe(rows);
  });

  it('the order is delivered once every one of its shipments is; exceptions and returns leave it', async () => {
    const orderId = await paidOrder();
    await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-1', carrier: 'ZTO', status: 'in_transit' });
    await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-2', carrier: 'ZTO', status: 'in_transit' });
    const one = await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-1', status: 'delivered' });
    expect(one.order).toEqual({ previousStatus: 'shipped', status: 'shipped', changed: false });
    const trouble = await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-2', status: 'exception' });
    expect(trouble.order.status).toBe('shipped');
    const both = await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-2', status: 'delivered' });
    expect(both.order).toEqual({ previousStatus: 'shipped', status: 'delivered', changed: true });
    // Carriers correct themselves: any status may follow any other; the order never goes back.
    const corrected = await applyShipmentUpdate(db, { orderId, trackingNumber: 'PART-2', status: 'returned' });
    expect(corrected).toMatchObject({
      previousStatus: 'delivered',
      status: 'returned',
      order: { status: 'delivered', changed: false },
    });
    expect((await getOrder(db, orderId, owner)).shipments.map((s) => [s.trackingNumber, s.status])).toEqual([
      ['PART-1', 'delivered'],
      ['PART-2', 'returned'],
    ]);
  });

  it('a pending (unpaid) order gets its shipment but stays pending; a cancelled one gets none', async () => {
    const pending = await applyShipmentUpdate(db, {
      orderId: FIXTURE.pendingOrder,
      trackingNumber: 'EMS-777',
      carrier: 'EMS',
      status: 'in_transit',
    });
    expect(pending).toMatchObject({
      shipment: 'created',
      order: { previousStatus: 'pending', status: 'pending', changed: false },
    });
    const { order } = await placeOrder(db, {
      customerId: FIXTURE.customer,
      items: [{ sku: FIXTURE.socks, quantity: 1 }],
      idempotencyKey: `shipments-test-${++keys}`,
    });
    await changeOrderStatus(db, order.id, 'cancelled');
    const refused = await failure(applyShipmentUpdate(db, { orderId: order.id, trackingNumber: 'X-1', carrier: 'EMS' }));
    expect(refused).toMatchObject({ code: 'invalid_status_change', details: { orderId: order.id, from: 'cancelled' } });
    expect(await db.shipment.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('estimatedDelivery: null clears it, omitted keeps it, a bad date is invalid_input', async () => {
    const orderId = await paidOrder();
    await applyShipmentUpdate(db, { orderId, trackingNumber: 'ETA-1', carrier: 'JD', estimatedDelivery: '2026-06-09' });
    expect(await applyShipmentUpdate(db, { orderId, trackingNumber: 'ETA-1' })).toMatchObject({
      shipment: 'unchanged',
      estimatedDelivery: '2026-06-09',
    });
    expect(await applyShipmentUpdate(db, { orderId, trackingNumber: 'ETA-1', estimatedDelivery: null })).toMatchObject({
      shipment: 'updated',
      estimatedDelivery: null,
    });
    for (const bad of ['2026-02-30', '2026-6-9', 'tomorrow']) {
      const error = await failure(applyShipmentUpdate(db, { orderId, trackingNumber: 'ETA-1', estimatedDelivery: bad }));
      expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'estimatedDelivery' } });
    }
  });

  it('refuses what it cannot apply, writing nothing: unknown order, new number without carrier, blank number, bad status or event', async () => {
    const counts = async () => [await db.shipment.count(), await db.shipmentEvent.count()];
    const before = await counts();
    const at = new Date('2026-06-02T00:00:00Z');
    expect(await failure(applyShipmentUpdate(db, { orderId: 'NO-SUCH', trackingNumber: 'Z1', carrier: 'ZTO' }))).toMatchObject({
      code: 'not_found',
      message: 'No order "NO-SUCH".',
    });
    const noCarrier = await failure(applyShipmentUpdate(db, { orderId: FIXTURE.shippedOrder, trackingNumber: 'NEW-1' }));
    expect(noCarrier).toMatchObject({ code: 'invalid_input', details: { field: 'carrier' } });
    expect(noCarrier.message).toContain('NEW-1');
    expect(await failure(applyShipmentUpdate(db, { orderId: FIXTURE.shippedOrder, trackingNumber: ' - ' }))).toMatchObject({
      code: 'invalid_input',
      details: { field: 'trackingNumber' },
    });
    expect(
      await failure(
        applyShipmentUpdate(db, { orderId: FIXTURE.shippedOrder, trackingNumber: FIXTURE.tracking, status: 'lost' as never }),
      ),
    ).toMatchObject({ code: 'invalid_input', details: { field: 'status' } });
    expect(
      await failure(
        applyShipmentUpdate(db, {
          orderId: FIXTURE.shippedOrder,
          trackingNumber: FIXTURE.tracking,
          events: [
            { at, description: 'fine' },
            { at, description: '  ' },
          ],
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', details: { field: 'events[1].description' } });
    expect(await counts()).toEqual(before);
  });

  it('runs inside the caller’s transaction: rolled back with it', async () => {
    const orderId = await paidOrder();
    const outcome = await db
      .$transaction(async (tx) => {
        await applyShipmentUpdateInTransaction(tx, { orderId, trackingNumber: 'ROLL-1', carrier: 'UPS', status: 'in_transit' });
        throw new Error('the caller gives up');
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect(await getOrder(db, orderId, owner)).toMatchObject({ status: 'paid', shipments: [] });
  });
});
