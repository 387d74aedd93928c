import type { PrismaClient } from '@/lib/db/client';
import type { WebhookEnvelope } from './events';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

/**
 * Delivers the outbox: claims due deliveries (a lease, so a crashed instance's work is picked up
 * again and two instances never send the same one at once), POSTs each signed, and records every
 * attempt. 2xx is delivered; anything else is retried with exponential backoff and jitter until
 * the retry window (3 days) is over, then dead-lettered. It runs beside the requests, so a slow or
 * failing endpoint never slows a shopper's chat.
 */
export interface DispatcherSettings {
  /** First retry delay; doubling per attempt (default 30 s). */
  retryBaseMs: number;
  /** Longest delay between two attempts (default 6 h). */
  retryMaxMs: number;
  /** After this long since the event, a failing delivery is dead-lettered (default 3 days). */
  retryWindowMs: number;
  /** One attempt's limit (default 10 s). */
  timeoutMs: number;
  /** Requests in flight per endpoint (default 4). */
  perEndpointConcurrency: number;
  /** How often to look for due deliveries when idle (default 1 s). */
  pollMs: number;
}

export const DEFAULT_DISPATCHER_SETTINGS: DispatcherSettings = {
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 60 * 60 * 1000,
  retryWindowMs: 3 * 24 * 60 * 60 * 1000,
  timeoutMs: 10_000,
  perEndpointConcurrency: 4,
  pollMs: 1_000,
};

const BATCH = 20;
// Longer than one attempt can take, so a lease only runs out when its holder is gone.
const leaseMs = (settings: DispatcherSettings) => settings.timeoutMs * 3;

/** The delay before attempt `attempt + 1`: base × 2^(attempt−1), capped, with ±25 % jitter so retries spread out. */
export function retryDelayMs(attempt: number, settings: DispatcherSettings, random: () => number = Math.random): number {
  const exponential = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}

interface ClaimedDelivery {
  id: string;
  attempts: number;
  createdAt: Date;
  eventId: string;
  type: string;
  payload: unknown;
  eventCreatedAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface Dispatcher {
  /** Looks for due deliveries now (e.g. after a test event or a redeliver). */
  wake(): void;
  /** Stops taking work and waits for attempts in flight. */
  stop(): Promise<void>;
}

export function startDispatcher(
  db: PrismaClient,
  settings: DispatcherSettings = DEFAULT_DISPATCHER_SETTINGS,
  now: () => Date = () => new Date(),
): Dispatcher {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const inFlight = new Set<Promise<void>>();

  // Claims until nothing more is due (or every due endpoint is at its concurrency); attempts run on
  // their own and wake the loop when they end, so one slow endpoint never holds up the others.
  const loop = async () => {
    do {
      again = false;
      while (!stopped && inFlight.size < MAX_IN_FLIGHT) {
        let claimed: ClaimedDelivery[] = [];
        try {
          claimed = await claimDue(db, settings, now());
        } catch (error) {
          console.error('[webhooks] could not claim deliveries', error);
        }
        if (claimed.length === 0) break;
        for (const delivery of claimed) {
          const attempt: Promise<void> = attemptDelivery(db, delivery, settings, now)
            .catch((error: unknown) => console.error(`[webhooks] delivery ${delivery.id} not recorded`, error))
            .finally(() => {
              inFlight.delete(attempt);
              wake();
            });
          inFlight.add(attempt);
        }
      }
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = loop().finally(() => {
      running = null;
      // unref: polling alone never keeps a process (a build, a script) alive.
      if (!stopped) timer = setTimeout(wake, settings.pollMs).unref();
    });
  };
  wake();
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}

// Across all endpoints, per instance: a backlog is worked through steadily, not all at once.
const MAX_IN_FLIGHT = 32;

/** Leases the deliveries that are due, at most `perEndpointConcurrency` in flight per endpoint. */
async function claimDue(db: PrismaClient, settings: DispatcherSettings, at: Date): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(at.getTime() + leaseMs(settings));
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id, row_number() OVER (PARTITION BY d."endpointId" ORDER BY d."nextAttemptAt") AS position,
             (SELECT count(*) FROM "WebhookDelivery" x
              WHERE x."endpointId" = d."endpointId" AND x.status = 'pending' AND x."lockedUntil" > ${at}) AS busy
      FROM "WebhookDelivery" d
      WHERE d.status = 'pending' AND d."nextAttemptAt" <= ${at} AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= ${at})
    ), chosen AS (
      SELECT id FROM due WHERE position + busy <= ${settings.perEndpointConcurrency}::int LIMIT ${BATCH}::int
    )
    UPDATE "WebhookDelivery" d SET "lockedUntil" = ${leaseUntil}
    FROM chosen, "WebhookEvent" e, "WebhookEndpoint" p
    WHERE d.id = chosen.id AND e.id = d."eventId" AND p.id = d."endpointId"
      AND d.status = 'pending' AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= ${at})
    RETURNING d.id, d.attempts, d."createdAt", e.id AS "eventId", e.type, e.payload, e."createdAt" AS "eventCreatedAt",
              p.url, p.secret, p."previousSecret", p."previousSecretExpiresAt"`;
}

async function attemptDelivery(db: PrismaClient, delivery: ClaimedDelivery, settings: DispatcherSettings, now: () => Date) {
  const envelope: WebhookEnvelope = {
    id: delivery.eventId,
    type: delivery.type as WebhookEnvelope['type'],
    created: Math.floor(delivery.eventCreatedAt.getTime() / 1000),
    data: delivery.payload,
  };
  const body = JSON.stringify(envelope);
  const startedAt = now();
  const secrets = [delivery.secret];
  if (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > startedAt) {
    secrets.push(delivery.previousSecret);
  }
  let statusCode: number | null = null;
  let error: string | null = null;
  const started = performance.now();
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'ShopChat-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(secrets, Math.floor(startedAt.getTime() / 1000), body),
        'shopchat-event-id': delivery.eventId,
        'shopchat-event-type': delivery.type,
        // The same on every retry of this delivery, for receivers that de-duplicate on a key.
        'idempotency-key': delivery.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    statusCode = response.status;
    // Only the status matters; the body is read (and dropped) so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (failure) {
    error = failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
  }
  const durationMs = Math.round(performance.now() - started);
  const number = delivery.attempts + 1;
  const delivered = error === null;
  const retryAt = new Date(now().getTime() + retryDelayMs(number, settings));
  const dead = !delivered && retryAt.getTime() - delivery.createdAt.getTime() > settings.retryWindowMs;
  await db.$transaction([
    db.webhookAttempt.create({
      data: { deliveryId: delivery.id, number, at: startedAt, statusCode, error, durationMs },
    }),
    db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: number,
        lastAttemptAt: startedAt,
        lastStatusCode: statusCode,
        lastError: error,
        lockedUntil: null,
        ...(delivered ? { status: 'delivered', deliveredAt: now() } : dead ? { status: 'dead' } : { nextAttemptAt: retryAt }),
      },
    }),
  ]);
  if (dead)
    console.warn(`[webhooks] delivery ${delivery.id} to ${delivery.url} dead-lettered after ${number} attempts: ${error}`);
}

/** Reads WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_WINDOW_HOURS, WEBHOOK_TIMEOUT_MS, WEBHOOK_CONCURRENCY, WEBHOOK_POLL_MS. */
export function dispatcherSettingsFromEnv(env: Record<string, string | undefined>): DispatcherSettings {
  const read = (name: string, fallback: number, scale = 1) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !(value > 0))
      throw new Error(`${name} must be a number > 0, got ${JSON.stringify(env[name])}`);
    return value * scale;
  };
  const defaults = DEFAULT_DISPATCHER_SETTINGS;
  return {
    retryBaseMs: read('WEBHOOK_RETRY_BASE_MS', defaults.retryBaseMs),
    retryMaxMs: defaults.retryMaxMs,
    retryWindowMs: read('WEBHOOK_RETRY_WINDOW_HOURS', defaults.retryWindowMs, 60 * 60 * 1000),
    timeoutMs: read('WEBHOOK_TIMEOUT_MS', defaults.timeoutMs),
    perEndpointConcurrency: Math.floor(read('WEBHOOK_CONCURRENCY', defaults.perEndpointConcurrency)),
    pollMs: read('WEBHOOK_POLL_MS', defaults.pollMs),
  };
}
