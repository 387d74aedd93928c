import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { PrismaClient } from '@/lib/db/client';
import { ApiError } from '@/lib/http/errors';
import { DEFAULT_EVENT_TYPES, TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from './events';

/** An endpoint as the console shows it: never its secret. */
export interface EndpointView {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  /** While a rotated-out secret still signs (its overlap window). */
  previousSecretExpiresAt: string | null;
}

export const endpointInputSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2_000),
  description: z.string().trim().max(500).default(''),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .max(WEBHOOK_EVENT_TYPES.length)
    .default([...DEFAULT_EVENT_TYPES]),
  enabled: z.boolean().default(true),
});

export const endpointChangeSchema = endpointInputSchema.partial();

const VIEW = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  createdAt: true,
  previousSecretExpiresAt: true,
} as const;

function view(row: {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: Date;
  previousSecretExpiresAt: Date | null;
}): EndpointView {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
  };
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function endpointNotFound(): ApiError {
  return new ApiError('not_found', 'No webhook endpoint with that id.');
}

export async function listEndpoints(db: PrismaClient): Promise<EndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' }, select: VIEW });
  return rows.map(view);
}

/** Creates an endpoint; its signing secret is returned here once and never shown again. */
export async function createEndpoint(
  db: PrismaClient,
  input: z.output<typeof endpointInputSchema>,
): Promise<{ endpoint: EndpointView; secret: string }> {
  const secret = newSecret();
  const row = await db.webhookEndpoint.create({ data: { id: newId('we'), ...input, secret }, select: VIEW });
  return { endpoint: view(row), secret };
}

export async function updateEndpoint(
  db: PrismaClient,
  id: string,
  change: z.output<typeof endpointChangeSchema>,
): Promise<EndpointView> {
  const changed = await db.webhookEndpoint.updateMany({ where: { id }, data: change });
  if (changed.count === 0) throw endpointNotFound();
  return view(await db.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: VIEW }));
}

/** Deletes the endpoint and its delivery log; events already sent elsewhere are untouched. */
export async function deleteEndpoint(db: PrismaClient, id: string): Promise<void> {
  const deleted = await db.webhookEndpoint.deleteMany({ where: { id } });
  if (deleted.count === 0) throw endpointNotFound();
}

/**
 * A new secret, returned once. The old one keeps signing beside it (a second v1) for
 * `overlapMs`, so the receiver can switch without missing a request.
 */
export async function rotateSecret(
  db: PrismaClient,
  id: string,
  overlapMs: number,
  now: Date,
): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const current = await db.webhookEndpoint.findUnique({ where: { id }, select: { secret: true } });
  if (!current) throw endpointNotFound();
  const secret = newSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + overlapMs);
  await db.webhookEndpoint.update({
    where: { id },
    data: { secret, previousSecret: current.secret, previousSecretExpiresAt },
  });
  return { secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
}

/** Queues a `webhook.test` event for this endpoint alone; the dispatcher sends it like any other. */
export async function sendTestEvent(db: PrismaClient, id: string, now: Date): Promise<{ eventId: string; deliveryId: string }> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } });
  if (!endpoint) throw endpointNotFound();
  const eventId = newId('evt');
  const deliveryId = newId('dlv');
  await db.webhookEvent.create({
    data: {
      id: eventId,
      type: TEST_EVENT_TYPE,
      payload: { message: 'A test event from the staff console.', endpointId: id, sentAt: now.toISOString() },
      deliveries: { create: { id: deliveryId, endpointId: id } },
    },
  });
  return { eventId, deliveryId };
}

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log: { number: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

/** The newest deliveries to an endpoint with every attempt, for the console's delivery log. */
export async function listDeliveries(db: PrismaClient, endpointId: string, limit = 50): Promise<DeliveryView[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: { event: { select: { type: true } }, attemptLog: { orderBy: { number: 'asc' } } },
  });
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    log: row.attemptLog.map((attempt) => ({
      number: attempt.number,
      at: attempt.at.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  }));
}

/**
 * Sends a delivery again now, whatever became of it (delivered, dead or waiting). Its attempt log
 * continues; the retry window starts over.
 */
export async function redeliver(db: PrismaClient, deliveryId: string, now: Date): Promise<void> {
  const changed = await db.webhookDelivery.updateMany({
    where: { id: deliveryId },
    data: { status: 'pending', nextAttemptAt: now, lockedUntil: null, deliveredAt: null, createdAt: now },
  });
  if (changed.count === 0) throw new ApiError('not_found', 'No webhook delivery with that id.');
}
