import { createHmac } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { POST as postOrders } from '@/app/api/webhooks/orders/route';
import { POST as postShipments } from '@/app/api/webhooks/shipments/route';
import { chatConfigFromEnv } from '@/lib/chat/config';
import type { ChatRuntime } from '@/lib/chat/runtime';
import { getOrder, placeOrder, trackShipment } from '@/lib/commerce';
import { handleOrderWebhook, handleShipmentWebhook, INBOUND_MAX_BODY_BYTES } from '@/lib/webhooks/inbound';
import { SIGNATURE_HEADER, signatureHeader } from '@/lib/webhooks/signature';
import { proxy } from '@/proxy';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

const SECRET = 'whsec_test_inbound_0123456789abcdef';
const NEW_SECRET = 'whsec_test_inbound_rotated_fedcba9876543210';
/** The harness's clock (runtime.now) in unix seconds: signatures are judged against it. */
const NOW = Math.floor(FIXTURE.now.getTime() / 1000);
const owner = { kind: 'customer', customerId: FIXTURE.customer } as const;

type Path = 'orders' | 'shipments';

interface SignOptions {
  secrets?: string[];
  timestamp?: number;
  /** The exact header to send; null sends none. */
  header?: string | null;
  /** Sign this text but send `body` (tampering). */
  signedText?: string;
}

function webhookRequest(path: Path, body: unknown, options: SignOptions = {}): Request {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = new Headers({ 'content-type': 'application/json' });
  const header =
    options.header === undefined
      ? signatureHeader(options.secrets ?? [SECRET], options.timestamp ?? NOW, options.signedText ?? raw)
      : options.header;
  if (header !== null) headers.set(SIGNATURE_HEADER, header);
  return new Request(`http://127.0.0.1:3000/api/webhooks/${path}`, { method: 'POST', headers, body: raw });
}

interface Reply {
  status: number;
  body: {
    received?: boolean;
    duplicate?: boolean;
    applied?: Record<string, unknown> | null;
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

let eventCounter = 0;
const newEventId = () => `evt_test_${++eventCounter}_${Math.random().toString(36).slice(2, 10)}`;

function orderEvent(orderId: string, status: string, id = newEventId()) {
  return { id, type: 'order.status_changed', created: NOW, data: { orderId, status } };
}

function shipmentEvent(data: Record<string, unknown>, id = newEventId()) {
  return { id, type: 'shipment.updated', created: NOW, data };
}

describe.each(testDatabaseKinds())('inbound webhooks on %s', (kind) => {
  const chat = useChatHarness(kind, { provider: false, env: { WEBHOOK_INBOUND_SECRET: SECRET } });
  let orderKeys = 0;

  async function send(path: Path, body: unknown, options: SignOptions = {}, runtime?: ChatRuntime): Promise<Reply> {
    const handle = path === 'orders' ? handleOrderWebhook : handleShipmentWebhook;
    const response = await handle(webhookRequest(path, body, options), runtime ?? chat().runtime);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  async function newOrder(): Promise<string> {
    const { order } = await placeOrder(chat().db, {
      customerId: FIXTURE.customer,
      items: [{ sku: FIXTURE.socks, quantity: 1 }],
      idempotencyKey: `inbound-${kind}-${++orderKeys}`,
      now: FIXTURE.now,
    });
    return order.id;
  }

  /** Everything an inbound event could touch. */
  async function snapshot() {
    const { db } = chat();
    return {
      events: await db.inboundWebhookEvent.findMany({ orderBy: { id: 'asc' } }),
      orders: await db.order.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: 'asc' } }),
      shipments: await db.shipment.findMany({ orderBy: { id: 'asc' } }),
      shipmentEvents: await db.shipmentEvent.findMany({ orderBy: { id: 'asc' } }),
      stock: await db.stock.findMany({ orderBy: [{ sku: 'asc' }, { warehouseCode: 'asc' }] }),
      reservations: await db.stockReservation.findMany({ orderBy: { id: 'asc' } }),
    };
  }

  it('applies a signed order status change, visible through getOrder, and records the event id', async () => {
    const orderId = await newOrder();
    const event = orderEvent(orderId, 'paid');
    const reply = await send('orders', event);
    expect(reply).toEqual({
      status: 200,
      body: {
        received: true,
        duplicate: false,
        applied: { orderId, previousStatus: 'pending', status: 'paid', changed: true, stock: null },
      },
    });
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('paid');
    expect(await chat().db.inboundWebhookEvent.findUnique({ where: { id: event.id } })).toEqual({
      id: event.id,
      source: 'orders',
      type: 'order.status_changed',
      receivedAt: FIXTURE.now,
    });

    // The status it already has, under a new id: accepted, nothing changes.
    const same = await send('orders', orderEvent(orderId, 'paid'));
    expect(same.body).toMatchObject({ duplicate: false, applied: { changed: false, status: 'paid' } });
  });

  it('a replayed event id is answered 200 duplicate and changes nothing, even with another body', async () => {
    const orderId = await newOrder();
    const event = orderEvent(orderId, 'paid');
    expect((await send('orders', event)).status).toBe(200);
    const before = await snapshot();
    const replay = await send('orders', event, { timestamp: NOW + 60 });
    expect(replay).toEqual({ status: 200, body: { received: true, duplicate: true, applied: null } });
    const sneaky = await send('orders', orderEvent(orderId, 'cancelled', event.id));
    expect(sneaky.body).toEqual({ received: true, duplicate: true, applied: null });
    expect(await snapshot()).toEqual(before);
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('paid');
  });

  it('the same event delivered several times at once is applied once', async () => {
    const orderId = await newOrder();
    const event = orderEvent(orderId, 'cancelled');
    const replies = await Promise.all(Array.from({ length: 6 }, () => send('orders', event)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(replies.find((r) => r.body.duplicate === false)?.body.applied).toMatchObject({ stock: 'released' });
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('cancelled');
  });

  it('rejects bad signatures with 401 naming the problem, and changes nothing', async () => {
    const orderId = await newOrder();
    const event = orderEvent(orderId, 'paid');
    const body = JSON.stringify(event);
    const before = await snapshot();
    const cases: [string, SignOptions, string][] = [
      ['missing header', { header: null }, 'missing'],
      ['malformed header', { header: 'sha256=abc' }, 'malformed'],
      ['no v1', { header: `t=${NOW}` }, 'malformed'],
      ['tampered body', { signedText: body.replace('"paid"', '"cancelled"') }, 'mismatch'],
      ['wrong secret', { secrets: ['whsec_someone_else'] }, 'mismatch'],
      ['stale timestamp (301 s old)', { timestamp: NOW - 301 }, 'stale'],
      ['timestamp from the future (301 s ahead)', { timestamp: NOW + 301 }, 'stale'],
    ];
    for (const [name, options, reason] of cases) {
      const reply = await send('orders', body, options);
      expect([name, reply.status, reply.body.error?.code, reply.body.error?.details]).toEqual([
        name,
        401,
        'unauthorized',
        { reason },
      ]);
      expect(reply.body.error?.message).toContain(`(${reason})`);
    }
    expect(await snapshot()).toEqual(before);
    // Within the tolerance either way is fine.
    expect((await send('orders', orderEvent(orderId, 'paid'), { timestamp: NOW - 299 })).status).toBe(200);
    expect((await send('orders', orderEvent(orderId, 'processing'), { timestamp: NOW + 299 })).status).toBe(200);
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('processing');
  });

  it('rejects malformed JSON and schema violations with 400 naming the JSON path, and changes nothing', async () => {
    const orderId = await newOrder();
    const before = await snapshot();
    const orders: [unknown, string][] = [
      ['{"id": "evt_1", "type": ', 'must be JSON'],
      ['', 'must be JSON'],
      [[], 'body must be a JSON object'],
      [{ type: 'order.status_changed', data: { orderId, status: 'paid' } }, 'id is required'],
      [{ ...orderEvent(orderId, 'paid'), id: 'evt with spaces' }, 'id must be printable ASCII'],
      [{ ...orderEvent(orderId, 'paid'), id: 'x'.repeat(201) }, 'id must be at most 200'],
      [{ ...orderEvent(orderId, 'paid'), type: 'shipment.updated' }, 'type must be "order.status_changed"'],
      [{ ...orderEvent(orderId, 'paid'), created: '2026-06-01' }, 'created must be unix seconds'],
      [{ id: newEventId(), type: 'order.status_changed' }, 'data is required'],
      [orderEvent(orderId, 'pending'), 'data.status must be one of paid, processing'],
      [orderEvent(orderId, 'lost'), 'data.status must be one of'],
      [orderEvent('', 'paid'), 'data.orderId must not be empty'],
      [{ ...orderEvent(orderId, 'paid'), data: { orderId, status: 'paid', stauts: 'x' } }, 'data has an unknown field: stauts'],
      [
        { ...orderEvent(orderId, 'paid'), data: { orderId, status: 'paid', at: 'yesterday' } },
        'data.at must be an ISO 8601 time',
      ],
    ];
    for (const [body, message] of orders) {
      const reply = await send('orders', body);
      expect([body, reply.status, reply.body.error?.code]).toEqual([body, 400, 'bad_request']);
      expect(reply.body.error?.message).toContain(message);
    }
    const ship = (data: Record<string, unknown>) => shipmentEvent({ orderId, trackingNumber: 'BAD-1', carrier: 'EMS', ...data });
    const shipments: [unknown, string, string][] = [
      [ship({ status: 'teleported' }), 'data.status', 'must be one of label_created'],
      [ship({ estimatedDelivery: '2026-13-01' }), 'data.estimatedDelivery', 'must be a date like'],
      [
        ship({
          events: [
            { at: '2026-06-02T08:00:00Z', description: 'ok' },
            { at: 'noon', description: 'x' },
          ],
        }),
        'data.events[1].at',
        'must be an ISO',
      ],
      [ship({ events: [{ at: '2026-06-02T08:00:00Z', description: '   ' }] }), 'data.events[0].description', 'must not be empty'],
      [
        ship({ events: [{ at: '2026-06-02T08:00:00Z', description: 'x', colour: 'red' }] }),
        'data.events[0]',
        'has an unknown field: colour',
      ],
      [ship({ eta: '2026-06-04' }), 'data', 'has an unknown field: eta'],
      [
        ship({ events: Array.from({ length: 101 }, () => ({ at: '2026-06-02T08:00:00Z', description: 'x' })) }),
        'data.events',
        'must have at most 100 events',
      ],
      [{ ...ship({}), type: 'order.status_changed' }, 'type', 'must be "shipment.updated"'],
      [shipmentEvent({ orderId, carrier: 'EMS' }), 'data.trackingNumber', 'is required'],
    ];
    for (const [body, path, message] of shipments) {
      const reply = await send('shipments', body);
      expect([path, reply.status, reply.body.error?.code, reply.body.error?.details]).toEqual([
        path,
        400,
        'bad_request',
        { path },
      ]);
      expect(reply.body.error?.message).toContain(`${path} ${message}`);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bodies over the limit with 413, whatever Content-Length says, and changes nothing', async () => {
    const orderId = await newOrder();
    const before = await snapshot();
    const big = JSON.stringify({ ...orderEvent(orderId, 'paid'), padding: 'x'.repeat(INBOUND_MAX_BODY_BYTES) });
    const declared = await send('orders', big);
    expect([declared.status, declared.body.error?.code]).toEqual([413, 'payload_too_large']);
    // Streamed without a Content-Length: cut off while reading.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await handleOrderWebhook(
      new Request('http://127.0.0.1:3000/api/webhooks/orders', {
        method: 'POST',
        headers: { [SIGNATURE_HEADER]: signatureHeader([SECRET], NOW, 'whatever') },
        body: stream,
        duplex: 'half',
      } as RequestInit),
      chat().runtime,
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(10);
    const invalidUtf8 = await handleOrderWebhook(
      new Request('http://127.0.0.1:3000/api/webhooks/orders', {
        method: 'POST',
        headers: { [SIGNATURE_HEADER]: signatureHeader([SECRET], NOW, 'x') },
        body: new Uint8Array([0x7b, 0xff, 0x7d]),
      }),
      chat().runtime,
    );
    expect(invalidUtf8.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('an impossible transition is 409 naming both statuses; an unknown order 404; neither records the event id', async () => {
    const before = await snapshot();
    const backwards = orderEvent(FIXTURE.shippedOrder, 'paid');
    const conflict = await send('orders', backwards);
    expect(conflict).toEqual({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: `Order ${FIXTURE.shippedOrder} cannot go from shipped to paid: from shipped it can only become delivered, refunded.`,
          details: { orderId: FIXTURE.shippedOrder, from: 'shipped', to: 'paid' },
        },
      },
    });
    const late = await send('orders', orderEvent(FIXTURE.shippedOrder, 'cancelled'));
    expect([late.status, late.body.error?.message]).toEqual([409, expect.stringContaining('from shipped to cancelled')]);
    const missing = await send('orders', orderEvent('ORD-NOPE', 'paid'));
    expect(missing).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'No order "ORD-NOPE".', details: { orderId: 'ORD-NOPE' } } },
    });
    const noShipmentOrder = await send('shipments', shipmentEvent({ orderId: 'ORD-NOPE', trackingNumber: 'Z', carrier: 'ZTO' }));
    expect(noShipmentOrder.status).toBe(404);
    const noCarrier = await send('shipments', shipmentEvent({ orderId: FIXTURE.shippedOrder, trackingNumber: 'BRAND-NEW-1' }));
    expect([noCarrier.status, noCarrier.body.error?.details]).toEqual([400, { field: 'carrier' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('an event id reused for another kind of event is 409', async () => {
    const orderId = await newOrder();
    const event = orderEvent(orderId, 'paid');
    expect((await send('orders', event)).status).toBe(200);
    const before = await snapshot();
    const reused = await send('shipments', shipmentEvent({ orderId, trackingNumber: 'REUSED-1', carrier: 'EMS' }, event.id));
    expect([reused.status, reused.body.error?.message]).toEqual([
      409,
      expect.stringContaining('already used for a order.status_changed event'),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('during a rotation either secret signs (WEBHOOK_INBOUND_SECRET="old,new"); others are refused', async () => {
    const config = chatConfigFromEnv({ WEBHOOK_INBOUND_SECRET: ` ${SECRET} , ${NEW_SECRET} ` }, () => 'unused');
    expect(config.webhookInboundSecrets).toEqual([SECRET, NEW_SECRET]);
    const rotating: ChatRuntime = { ...chat().runtime, config };
    const orderId = await newOrder();
    expect((await send('orders', orderEvent(orderId, 'paid'), { secrets: [SECRET] }, rotating)).status).toBe(200);
    expect((await send('orders', orderEvent(orderId, 'processing'), { secrets: [NEW_SECRET] }, rotating)).status).toBe(200);
    // A sender mid-rotation signs with both (two v1 values).
    expect((await send('orders', orderEvent(orderId, 'processing'), { secrets: [NEW_SECRET, SECRET] }, rotating)).status).toBe(
      200,
    );
    // Only the old secret configured: the new one is not accepted yet.
    const refused = await send('orders', orderEvent(orderId, 'shipped'), { secrets: [NEW_SECRET] });
    expect([refused.status, refused.body.error?.details]).toEqual([401, { reason: 'mismatch' }]);
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('processing');
  });

  it('without WEBHOOK_INBOUND_SECRET every event is refused with 503 naming it', async () => {
    const config = chatConfigFromEnv({ WEBHOOK_INBOUND_SECRET: ' , ' }, () => 'unused');
    expect(config.webhookInboundSecrets).toEqual([]);
    const off: ChatRuntime = { ...chat().runtime, config };
    const before = await snapshot();
    for (const path of ['orders', 'shipments'] as const) {
      const body =
        path === 'orders'
          ? orderEvent(FIXTURE.pendingOrder, 'paid')
          : shipmentEvent({ orderId: FIXTURE.pendingOrder, trackingNumber: 'T', carrier: 'EMS' });
      const reply = await send(path, body, { secrets: [''] }, off);
      expect([reply.status, reply.body.error?.code]).toEqual([503, 'unavailable']);
      expect(reply.body.error?.message).toContain('WEBHOOK_INBOUND_SECRET');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a sender signing with nothing but node:crypto (the README example) is accepted', async () => {
    const orderId = await newOrder();
    // As in the README: HMAC-SHA256 of "<t>.<body>" in hex, sent as t=…,v1=….
    const body = JSON.stringify({ id: newEventId(), type: 'order.status_changed', data: { orderId, status: 'paid' } });
    const t = NOW;
    const v1 = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    const response = await handleOrderWebhook(
      new Request('http://127.0.0.1:3000/api/webhooks/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'Shopchat-Signature': `t=${t},v1=${v1}` },
        body,
      }),
      chat().runtime,
    );
    expect(response.status).toBe(200);
    expect((await getOrder(chat().db, orderId, owner)).status).toBe('paid');
  });

  it('a shipment event creates the shipment, ships the paid order, and replays change nothing', async () => {
    const orderId = await newOrder();
    await send('orders', orderEvent(orderId, 'paid'));
    const event = shipmentEvent({
      orderId,
      trackingNumber: 'ZT 5550 0001',
      carrier: 'ZTO',
      status: 'in_transit',
      estimatedDelivery: '2026-06-04',
      events: [{ at: '2026-06-01T09:00:00+08:00', location: '上海', description: '已揽收' }],
    });
    const reply = await send('shipments', event);
    expect(reply).toEqual({
      status: 200,
      body: {
        received: true,
        duplicate: false,
        applied: {
          orderId,
          trackingNumber: 'ZT 5550 0001',
          shipment: 'created',
          previousStatus: null,
          status: 'in_transit',
          estimatedDelivery: '2026-06-04',
          eventsAdded: 1,
          order: { previousStatus: 'paid', status: 'shipped', changed: true },
        },
      },
    });
    const before = await snapshot();
    expect((await send('shipments', event)).body).toEqual({ received: true, duplicate: true, applied: null });
    // The same news under a new id (a sender that re-sends its whole timeline): nothing new either.
    expect((await send('shipments', { ...event, id: newEventId() })).body).toMatchObject({
      duplicate: false,
      applied: { shipment: 'unchanged', eventsAdded: 0, order: { changed: false } },
    });
    expect((await snapshot()).shipmentEvents).toEqual(before.shipmentEvents);
    expect(await trackShipment(chat().db, { trackingNumber: 'zt-5550-0001' })).toMatchObject({
      carrier: 'ZTO',
      status: 'in_transit',
      events: [{ at: '2026-06-01T01:00:00.000Z', location: '上海', description: '已揽收' }],
    });
  });

  it('end to end: a signed shipment event shows up in the next chat answer about that order', async () => {
    const description = 'Out for delivery with courier Wang, arriving 14:00-16:00';
    const reply = await send(
      'shipments',
      shipmentEvent({
        orderId: FIXTURE.shippedOrder,
        trackingNumber: FIXTURE.tracking,
        status: 'out_for_delivery',
        events: [{ at: '2026-11-17T08:30:00+08:00', location: 'Hangzhou', description }],
      }),
    );
    expect(reply.body.applied).toMatchObject({
      shipment: 'updated',
      previousStatus: 'in_transit',
      status: 'out_for_delivery',
      eventsAdded: 1,
    });

    // "Where is my order …?" reads the order: its shipment's new status.
    const signedIn = newConversationId();
    const answer = await chat().send({
      conversationId: signedIn,
      customer: FIXTURE.customer,
      text: `Where is my order ${FIXTURE.shippedOrder}?`,
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`${FIXTURE.tracking}: out for delivery`);
    await waitForAssistantMessages(chat().db, signedIn, 1);

    // Tracking it reads the shipment: the new event, in English and in Chinese.
    for (const [text, status] of [
      [`Track my order ${FIXTURE.shippedOrder}`, `${FIXTURE.tracking}: out for delivery`],
      [`我的订单 ${FIXTURE.shippedOrder} 的物流到哪了？`, `${FIXTURE.tracking}：派送中`],
    ] as const) {
      const conversationId = newConversationId();
      const tracked = await chat().send({ conversationId, customer: FIXTURE.customer, text });
      expect(tracked.text).toContain(status);
      expect(tracked.text).toContain('Hangzhou');
      expect(tracked.text).toContain(description);
      await waitForAssistantMessages(chat().db, conversationId, 1);
    }

    // A guest giving the order's phone number sees it too.
    const guest = newConversationId();
    const guestAnswer = await chat().send({
      conversationId: guest,
      visitor: 'visitor-secret-for-inbound-webhook-test-000000',
      text: `Track order ${FIXTURE.shippedOrder}, my phone is 13800138000`,
    });
    expect(guestAnswer.text).toContain(description);
    await waitForAssistantMessages(chat().db, guest, 1);
  });

  it('end to end: a signed order status change shows up in the next chat answer', async () => {
    const orderId = await newOrder();
    expect((await send('orders', orderEvent(orderId, 'paid'))).status).toBe(200);
    expect((await send('orders', orderEvent(orderId, 'processing'))).status).toBe(200);
    const conversationId = newConversationId();
    const answer = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      text: `What is the status of order ${orderId}?`,
    });
    expect(answer.text).toContain(orderId);
    expect(answer.text).toContain(`Order ${orderId}: being prepared`); // processing, in the shopper's words
    await waitForAssistantMessages(chat().db, conversationId, 1);
  });

  describe('the route files', () => {
    const globalForChat = globalThis as typeof globalThis & { chatRuntime?: Promise<ChatRuntime> };
    let saved: Promise<ChatRuntime> | undefined;
    afterEach(() => {
      globalForChat.chatRuntime = saved;
    });

    it('POST /api/webhooks/orders and /shipments run the handlers with the server runtime', async () => {
      saved = globalForChat.chatRuntime;
      globalForChat.chatRuntime = Promise.resolve(chat().runtime);
      const orderId = await newOrder();
      const order = await postOrders(webhookRequest('orders', orderEvent(orderId, 'paid')));
      expect(order.status).toBe(200);
      const shipment = await postShipments(
        webhookRequest(
          'shipments',
          shipmentEvent({ orderId, trackingNumber: 'ROUTE-1', carrier: 'JD', status: 'label_created' }),
        ),
      );
      expect(shipment.status).toBe(200);
      expect(await getOrder(chat().db, orderId, owner)).toMatchObject({
        status: 'paid',
        shipments: [{ carrier: 'JD', trackingNumber: 'ROUTE-1', status: 'label_created' }],
      });
      const unsigned = await postOrders(webhookRequest('orders', orderEvent(orderId, 'processing'), { header: null }));
      expect(unsigned.status).toBe(401);
    });
  });
});

describe('proxy.ts lets the shop’s servers reach /api/webhooks', () => {
  const APP = 'https://support.example.com';
  const request = (path: string, headers: Record<string, string> = {}) =>
    new NextRequest(`${APP}${path}`, { method: 'POST', headers: { host: 'support.example.com', ...headers } });
  const passed = (response: Response) => response.headers.get('x-middleware-next') === '1';

  it('a server-to-server POST (no Origin, no Sec-Fetch-Site) is not refused: no CSRF rule, no widget origin rule', () => {
    expect(passed(proxy(request('/api/webhooks/orders')))).toBe(true);
    expect(passed(proxy(request('/api/webhooks/shipments', { [SIGNATURE_HEADER]: 't=1,v1=00' })))).toBe(true);
  });

  it('a browser on a foreign site is still refused there, as on the rest of /api', () => {
    expect(proxy(request('/api/webhooks/orders', { origin: 'https://evil.example.net' })).status).toBe(403);
  });
});
