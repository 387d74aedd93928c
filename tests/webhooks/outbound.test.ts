import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '@/lib/commerce';
import { type Database, type DatabaseKind, openDatabase, type PrismaClient } from '@/lib/db/client';
import { type Dispatcher, type DispatcherSettings, startDispatcher } from '@/lib/webhooks/dispatcher';
import { createEndpoint, listDeliveries, redeliver, rotateSecret, sendTestEvent } from '@/lib/webhooks/endpoints';
import type { WebhookEnvelope } from '@/lib/webhooks/events';
import { SIGNATURE_HEADER, signatureFor, verifySignature } from '@/lib/webhooks/signature';
import { FIXTURE, seedCommerceFixture } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';
import { type ReceivedRequest, startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const FAST: DispatcherSettings = {
  retryBaseMs: 40,
  retryMaxMs: 1_000,
  retryWindowMs: 3 * 24 * 60 * 60 * 1000,
  timeoutMs: 2_000,
  perEndpointConcurrency: 4,
  pollMs: 50,
};

/** A database that can be closed and opened again, as an app restart does (PGlite on disk, or a PostgreSQL database). */
async function reopenableDatabase(kind: DatabaseKind): Promise<{ open(): Promise<Database>; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'webhooks-'));
    return {
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openDatabase({ kind: 'postgres', url: url.toString() }),
    drop: async () => {
      // Let closed pools finish ending before the FORCE drop (see tests/support/test-database.ts).
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function envelope(request: ReceivedRequest): WebhookEnvelope {
  return JSON.parse(request.body) as WebhookEnvelope;
}

let orderCounter = 0;
async function placeSneakerOrder(db: PrismaClient): Promise<string> {
  orderCounter++;
  const { order } = await placeOrder(db, {
    customerId: FIXTURE.customer,
    items: [{ sku: FIXTURE.trail, quantity: 1 }],
    idempotencyKey: `webhook-test-${orderCounter}-${randomBytes(4).toString('hex')}`,
    now: FIXTURE.now,
  });
  return order.id;
}

describe.each(testDatabaseKinds())('outbound webhooks (%s)', (kind) => {
  let store: Awaited<ReturnType<typeof reopenableDatabase>>;
  let database: Database;
  let receiver: WebhookReceiver;
  let dispatcher: Dispatcher | null = null;

  beforeAll(async () => {
    store = await reopenableDatabase(kind);
    database = await store.open();
    await seedCommerceFixture(database.prisma);
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = null;
    await receiver?.close();
    await database.prisma.webhookEndpoint.deleteMany({});
  });

  afterAll(async () => {
    await database.close();
    await store.drop();
  });

  async function subscribe(options: { events?: string[]; settings?: DispatcherSettings } = {}) {
    receiver = await startWebhookReceiver();
    const created = await createEndpoint(database.prisma, {
      url: receiver.url,
      description: 'ERP',
      events: (options.events ?? ['order.placed', 'order.cancelled']) as never,
      enabled: true,
    });
    dispatcher = startDispatcher(database.prisma, options.settings ?? FAST);
    return created;
  }

  it('delivers an order placed, signed with the endpoint secret, with its event id and idempotency key', async () => {
    const { endpoint, secret } = await subscribe();
    const orderId = await placeSneakerOrder(database.prisma);
    const [request] = await until(
      () => receiver.received,
      (r) => r.length === 1,
      'the delivery',
    );
    if (!request) throw new Error('no request');

    const timestamp = verifySignature(String(request.headers[SIGNATURE_HEADER]), request.body, [secret]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(10);
    expect(request.headers[SIGNATURE_HEADER]).toBe(`t=${timestamp},v1=${signatureFor(secret, timestamp, request.body)}`);
    const event = envelope(request);
    expect(event).toMatchObject({
      type: 'order.placed',
      data: { orderId, customerId: FIXTURE.customer, status: 'pending', items: [{ sku: FIXTURE.trail, quantity: 1 }] },
    });
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(request.headers['shopchat-event-id']).toBe(event.id);
    expect(request.headers['idempotency-key']).toMatch(/^dlv_/);

    const [delivery] = await until(
      () => listDeliveries(database.prisma, endpoint.id),
      (d) => d[0]?.status === 'delivered',
      'delivered',
    );
    expect(delivery).toMatchObject({ eventType: 'order.placed', attempts: 1, lastStatusCode: 200 });
  });

  it('retries a receiver that fails 3 times: exactly one successful delivery, 4 attempts in the log', async () => {
    const { endpoint } = await subscribe();
    receiver.respond = (_request, index) => ({ status: index < 3 ? 503 : 204 });
    await placeSneakerOrder(database.prisma);
    const [delivery] = await until(
      () => listDeliveries(database.prisma, endpoint.id),
      (d) => d[0]?.status === 'delivered',
      'delivered after retries',
    );
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((request) => envelope(request).id)).size).toBe(1);
    expect(new Set(receiver.received.map((request) => request.headers['idempotency-key'])).size).toBe(1);
    expect(delivery?.log.map((attempt) => [attempt.number, attempt.statusCode])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 204],
    ]);
    // The waits grew: exponential backoff (with jitter: each at least 0.75 × the base × 2^n).
    const gaps = receiver.received.slice(1).map((request, i) => request.at - (receiver.received[i]?.at ?? 0));
    expect(gaps[2]).toBeGreaterThan(gaps[0] ?? 0);
  });

  it('loses no event across a restart in the middle of its retries', async () => {
    const { endpoint } = await subscribe({ settings: { ...FAST, retryBaseMs: 300 } });
    receiver.respond = (_request, index) => ({ status: index === 0 ? 500 : 200 });
    const orderId = await placeSneakerOrder(database.prisma);
    await until(
      () => receiver.received,
      (r) => r.length === 1,
      'the first, failing attempt',
    );
    await dispatcher?.stop();
    dispatcher = null;
    await database.close();

    database = await store.open();
    dispatcher = startDispatcher(database.prisma, FAST);
    const [delivery] = await until(
      () => listDeliveries(database.prisma, endpoint.id),
      (d) => d[0]?.status === 'delivered',
      'delivered after the restart',
    );
    expect(delivery?.attempts).toBe(2);
    expect(receiver.received.map((request) => envelope(request).data)).toEqual([
      expect.objectContaining({ orderId }),
      expect.objectContaining({ orderId }),
    ]);
  });

  it('takes over a delivery whose sender died mid-attempt once its lease has run out', async () => {
    const { endpoint } = await subscribe();
    await dispatcher?.stop();
    dispatcher = null;
    const { deliveryId } = await sendTestEvent(database.prisma, endpoint.id, new Date());
    // As a crashed instance leaves it: leased, never recorded.
    await database.prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: { lockedUntil: new Date(Date.now() + 300) },
    });
    dispatcher = startDispatcher(database.prisma, FAST);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toHaveLength(0);
    await until(
      () => receiver.received,
      (r) => r.length === 1,
      'the delivery after the lease',
    );
    expect(envelope(receiver.received[0] as ReceivedRequest).type).toBe('webhook.test');
  });

  it('writes conversation events in the same transaction as the change, and tool calls only for endpoints that opt in', async () => {
    const { endpoint } = await subscribe({
      events: ['conversation.handoff_requested', 'conversation.closed', 'conversation.rated'],
    });
    const toolsReceiver = await startWebhookReceiver();
    const tools = await createEndpoint(database.prisma, {
      url: toolsReceiver.url,
      description: 'analytics',
      events: ['tool_call.completed'],
      enabled: true,
    });
    const db = database.prisma;
    const id = `conv-webhooks-${randomBytes(6).toString('hex')}`;
    await db.conversation.create({ data: { id, customerId: FIXTURE.customer } });
    await db.toolCallLog.create({
      data: {
        conversationId: id,
        messageId: 'm1',
        toolCallId: 'call_1',
        toolName: 'checkInventory',
        step: 0,
        model: 'offline',
        input: { sku: FIXTURE.sneaker },
        output: { total: 23 },
        durationMs: 4,
        state: 'succeeded',
      },
    });
    await db.conversation.update({ where: { id }, data: { status: 'waiting_human', handoffRequestedAt: new Date() } });
    await db.conversation.update({ where: { id }, data: { status: 'closed', closedAt: new Date() } });
    await db.conversation.update({ where: { id }, data: { rating: 5, ratingComment: '很好', ratedAt: new Date() } });
    // A rolled-back change leaves no event behind.
    await db
      .$transaction(async (tx) => {
        await tx.conversation.update({ where: { id }, data: { rating: 1, ratedAt: new Date() } });
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    await until(
      () => receiver.received,
      (r) => r.length === 3,
      'three conversation events',
    );
    await until(
      () => toolsReceiver.received,
      (r) => r.length === 1,
      'the tool call',
    );
    expect(receiver.received.map((request) => envelope(request).type).sort()).toEqual([
      'conversation.closed',
      'conversation.handoff_requested',
      'conversation.rated',
    ]);
    expect(receiver.received.map(envelope).find((event) => event.type === 'conversation.rated')?.data).toMatchObject({
      conversationId: id,
      rating: 5,
      comment: '很好',
    });
    expect(envelope(toolsReceiver.received[0] as ReceivedRequest).data).toMatchObject({
      conversationId: id,
      toolName: 'checkInventory',
      state: 'succeeded',
      input: { sku: FIXTURE.sneaker },
    });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(3);
    expect(await db.webhookDelivery.count({ where: { endpointId: tools.endpoint.id } })).toBe(1);
    await toolsReceiver.close();
  });

  it('signs with the old and the new secret during a rotation, and skips disabled endpoints', async () => {
    const { endpoint, secret: oldSecret } = await subscribe();
    const { secret: newSecret } = await rotateSecret(database.prisma, endpoint.id, 60_000, new Date());
    await placeSneakerOrder(database.prisma);
    const [request] = await until(
      () => receiver.received,
      (r) => r.length === 1,
      'the delivery',
    );
    const header = String(request?.headers[SIGNATURE_HEADER]);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(() => verifySignature(header, request?.body ?? '', [oldSecret])).not.toThrow();
    expect(() => verifySignature(header, request?.body ?? '', [newSecret])).not.toThrow();

    await database.prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    await placeSneakerOrder(database.prisma);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).toHaveLength(1);
  });

  it('dead-letters a delivery after the retry window, and an admin can send it again', async () => {
    const { endpoint } = await subscribe({ settings: { ...FAST, retryWindowMs: 150 } });
    receiver.respond = () => ({ status: 500 });
    await placeSneakerOrder(database.prisma);
    const [dead] = await until(
      () => listDeliveries(database.prisma, endpoint.id),
      (d) => d[0]?.status === 'dead',
      'dead',
    );
    expect(dead?.attempts).toBeGreaterThanOrEqual(1);
    const attemptsBefore = receiver.received.length;

    receiver.respond = () => ({ status: 200 });
    await redeliver(database.prisma, dead?.id ?? '', new Date());
    dispatcher?.wake();
    const [delivered] = await until(
      () => listDeliveries(database.prisma, endpoint.id),
      (d) => d[0]?.status === 'delivered',
      'redelivered',
    );
    expect(delivered?.attempts).toBe(attemptsBefore + 1);
    expect(delivered?.log.at(-1)?.statusCode).toBe(200);
  });

  it('keeps at most the endpoint’s concurrency in flight against a slow receiver', async () => {
    const { endpoint } = await subscribe({ settings: { ...FAST, perEndpointConcurrency: 2 } });
    receiver.respond = () => ({ status: 200, delayMs: 150 });
    for (let i = 0; i < 6; i++) await sendTestEvent(database.prisma, endpoint.id, new Date());
    dispatcher?.wake();
    await until(
      () => receiver.received,
      (r) => r.length === 6,
      'six deliveries',
      15_000,
    );
    expect(receiver.concurrent.max).toBe(2);
  });
});
