import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import { FIXTURE, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { CommerceError } from './errors';
import { getOrder } from './orders';
import { trackShipment } from './shipments';

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
