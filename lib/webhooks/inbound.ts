import { z } from 'zod';
import type { ChatRuntime } from '@/lib/chat/runtime';
import {
  applyShipmentUpdateInTransaction,
  changeOrderStatusInTransaction,
  isCommerceError,
  type OrderStatusChange,
  SHIPMENT_STATUSES,
  type ShipmentUpdateResult,
} from '@/lib/commerce';
import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { readBodyText } from '@/lib/http/json-body';
import { SIGNATURE_HEADER, SignatureError, verifySignature } from './signature';

/**
 * What the shop's own systems tell us: `POST /api/webhooks/orders` (an order's status changed) and
 * `POST /api/webhooks/shipments` (a carrier's tracking update). Each request is checked in this
 * order, and a rejected one changes nothing:
 *
 * 1. WEBHOOK_INBOUND_SECRET set (else 503 — unsigned events are never accepted);
 * 2. body ≤ 256 KB (413), UTF-8;
 * 3. the `Shopchat-Signature` header over the raw body with one of the secrets, its timestamp
 *    within 300 s of now (401 naming the problem: missing, malformed, stale, mismatch);
 * 4. JSON of the endpoint's shape (400 naming the JSON path);
 * 5. then, in one transaction, the event id is recorded and the change applied: an id seen before
 *    is a replay (200, duplicate: true, nothing applied); an unknown order is 404, a change the
 *    rules refuse 409, and neither records the id, so the sender's retry is judged afresh.
 */

export const INBOUND_MAX_BODY_BYTES = 256 * 1024;
export const INBOUND_SECRET_VARIABLE = 'WEBHOOK_INBOUND_SECRET';

export type InboundSource = 'orders' | 'shipments';

/** What a handler needs from the chat runtime (tests pass their own). */
export type InboundRuntime = Pick<ChatRuntime, 'db' | 'config' | 'now'>;

export interface InboundResult<Applied> {
  received: true;
  /** True when this event id had already been received: nothing was applied this time. */
  duplicate: boolean;
  /** What the event changed; null for a duplicate. */
  applied: Applied | null;
}

// ---------------------------------------------------------------------------------------------
// The bodies. The envelope (id, type, created) ignores fields it does not know, so senders may add
// their own (livemode, api_version…); `data`, the part acted on, refuses them, so a misspelt
// optional field is a 400 instead of silently doing nothing.
// ---------------------------------------------------------------------------------------------

/** The message for a wrong value, or "is required" when the field is missing. */
const or = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);

const eventId = z
  .string({ error: or('must be a string') })
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' });
const text = (max: number) =>
  z
    .string({ error: or('must be a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
/** An object that refuses fields it does not know, saying which. */
const strict = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `has an unknown field: ${issue.keys.join(', ')}` : or('must be an object')(issue),
  });
const time = z.iso.datetime({ offset: true, error: or('must be an ISO 8601 time with a zone, like 2026-11-17T08:30:00+08:00') });

function envelope<Type extends string, Data extends z.ZodType>(type: Type, data: Data) {
  return z.object(
    {
      id: eventId,
      type: z.literal(type, { error: or(`must be "${type}"`) }),
      /** Unix seconds when it happened at the shop; informational. */
      created: z.number({ error: 'must be unix seconds' }).int({ error: 'must be unix seconds' }).nonnegative().optional(),
      data,
    },
    { error: 'must be a JSON object' },
  );
}

/** pending is where orders start, never where one is moved to. */
export const INBOUND_ORDER_STATUSES = ['paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;

export const orderEventSchema = envelope(
  'order.status_changed',
  strict({
    orderId: text(100),
    status: z.enum(INBOUND_ORDER_STATUSES, { error: or(`must be one of ${INBOUND_ORDER_STATUSES.join(', ')}`) }),
    /** When it changed at the shop; informational (not stored). */
    at: time.optional(),
  }),
);

export const shipmentEventSchema = envelope(
  'shipment.updated',
  strict({
    orderId: text(100),
    trackingNumber: text(100),
    carrier: text(100).optional(),
    status: z.enum(SHIPMENT_STATUSES, { error: `must be one of ${SHIPMENT_STATUSES.join(', ')}` }).optional(),
    estimatedDelivery: z.iso.date({ error: 'must be a date like 2026-11-18, or null' }).nullable().optional(),
    events: z
      .array(
        strict({
          at: time,
          location: z.string({ error: 'must be a string or null' }).trim().max(200).nullable().optional(),
          description: text(500),
        }),
      )
      .max(100, { error: 'must have at most 100 events' })
      .optional(),
  }),
);

export type InboundOrderEvent = z.output<typeof orderEventSchema>;
export type InboundShipmentEvent = z.output<typeof shipmentEventSchema>;

// ---------------------------------------------------------------------------------------------
// The handlers
// ---------------------------------------------------------------------------------------------

/** POST /api/webhooks/orders: `{ id, type: "order.status_changed", created?, data: { orderId, status, at? } }`. */
export function handleOrderWebhook(request: Request, runtime: InboundRuntime): Promise<Response> {
  return receive(request, runtime, {
    source: 'orders',
    schema: orderEventSchema,
    shape: '{ id, type: "order.status_changed", created?, data: { orderId, status, at? } }',
    apply: (tx, event): Promise<OrderStatusChange> => changeOrderStatusInTransaction(tx, event.data.orderId, event.data.status),
  });
}

/**
 * POST /api/webhooks/shipments: `{ id, type: "shipment.updated", created?, data: { orderId,
 * trackingNumber, carrier?, status?, estimatedDelivery?, events?: [{ at, location?, description }] } }`.
 */
export function handleShipmentWebhook(request: Request, runtime: InboundRuntime): Promise<Response> {
  return receive(request, runtime, {
    source: 'shipments',
    schema: shipmentEventSchema,
    shape:
      '{ id, type: "shipment.updated", created?, data: { orderId, trackingNumber, carrier?, status?, estimatedDelivery?, events? } }',
    apply: (tx, { data }): Promise<ShipmentUpdateResult> =>
      applyShipmentUpdateInTransaction(tx, {
        orderId: data.orderId,
        trackingNumber: data.trackingNumber,
        carrier: data.carrier,
        status: data.status,
        estimatedDelivery: data.estimatedDelivery,
        events: data.events?.map((e) => ({ at: new Date(e.at), location: e.location ?? null, description: e.description })),
      }),
  });
}

interface Endpoint<Schema extends z.ZodType<{ id: string; type: string }>, Applied> {
  source: InboundSource;
  schema: Schema;
  shape: string;
  apply: (tx: Prisma.TransactionClient, event: z.output<Schema>) => Promise<Applied>;
}

async function receive<Schema extends z.ZodType<{ id: string; type: string }>, Applied>(
  request: Request,
  runtime: InboundRuntime,
  endpoint: Endpoint<Schema, Applied>,
): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const secrets = runtime.config.webhookInboundSecrets;
    if (secrets.length === 0) {
      throw new ApiError(
        'unavailable',
        `Inbound webhooks are off: set ${INBOUND_SECRET_VARIABLE} to the secret the shop's systems sign with (several, comma-separated, while rotating).`,
      );
    }
    const body = await readBodyText(request, INBOUND_MAX_BODY_BYTES);
    const now = runtime.now();
    checkSignature(request.headers.get(SIGNATURE_HEADER), body, secrets, now);
    const event = parseEvent(body, endpoint.schema, endpoint.shape, endpoint.source);
    const result = await recordAndApply(runtime.db, endpoint.source, event, now, (tx) => endpoint.apply(tx, event));
    return Response.json(result, { headers });
  } catch (error) {
    return errorResponse(toApiError(error), headers);
  }
}

function checkSignature(header: string | null, body: string, secrets: readonly string[], now: Date): void {
  try {
    verifySignature(header, body, secrets, { now: now.getTime() });
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    throw new ApiError('unauthorized', `Signature rejected (${error.problem}): ${error.message}`, {
      details: { reason: error.problem },
    });
  }
}

/** "data.events[0].at" for zod's ["data", "events", 0, "at"]. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function parseEvent<Schema extends z.ZodType>(
  body: string,
  schema: Schema,
  shape: string,
  source: InboundSource,
): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ApiError('bad_request', `The request body must be JSON: ${shape}.`);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = jsonPath(issue?.path ?? []) || 'body';
  throw new ApiError('bad_request', `Invalid ${source} event: ${path} ${issue?.message ?? 'is invalid'}.`, { details: { path } });
}

/**
 * Records the event id and applies the change in one transaction. An id already recorded (also one
 * committed by a concurrent request a moment ago: the insert waits for it) is a replay and applies
 * nothing; the same id for another kind of event is a 409 (ids must be unique per event).
 */
async function recordAndApply<Applied>(
  db: PrismaClient,
  source: InboundSource,
  event: { id: string; type: string },
  now: Date,
  apply: (tx: Prisma.TransactionClient) => Promise<Applied>,
): Promise<InboundResult<Applied>> {
  return db.$transaction(
    async (tx) => {
      const recorded = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "InboundWebhookEvent" (id, source, type, "receivedAt")
        VALUES (${event.id}, ${source}, ${event.type}, ${now})
        ON CONFLICT (id) DO NOTHING
        RETURNING id`;
      if (recorded.length === 0) {
        const first = await tx.inboundWebhookEvent.findUnique({ where: { id: event.id } });
        if (first && (first.source !== source || first.type !== event.type)) {
          throw new ApiError(
            'conflict',
            `Event id ${event.id} was already used for a ${first.type} event: give every event its own id.`,
            {
              details: { id: event.id },
            },
          );
        }
        return { received: true, duplicate: true, applied: null };
      }
      return { received: true, duplicate: false, applied: await apply(tx) };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/** The shop's rules speak CommerceError; the caller gets 404 (unknown order), 400 (bad input) or 409 (refused). */
function toApiError(error: unknown): unknown {
  if (!isCommerceError(error)) return error;
  const code = error.code === 'not_found' ? 'not_found' : error.code === 'invalid_input' ? 'bad_request' : 'conflict';
  return new ApiError(code, error.message, error.details ? { details: error.details } : {});
}
