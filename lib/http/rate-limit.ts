/**
 * Token-bucket rate limiting per key (a shopper, a visitor, an IP). The interface is async so a
 * shared store (Redis) can replace the in-memory one when the app runs on more than one instance.
 */
export interface RateLimitPolicy {
  /** Bucket size: how many requests may arrive back to back. */
  burst: number;
  /** Tokens added per second, continuously. */
  perSecond: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Whole seconds (≥ 1) until a request would be allowed when refused; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string): Promise<RateLimitDecision>;
  /** Refills the key's bucket, e.g. when a sign-in succeeds and its earlier failures are forgiven. */
  reset(key: string): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export const DEFAULT_MAX_KEYS = 100_000;
// Refill arithmetic in floating point can land a hair under a whole token (e.g. 3/s × 1/3 s).
const EPSILON = 1e-9;
// How many stale buckets one take() may drop from the old end; keeps each call O(1) amortized.
const SWEEP_PER_TAKE = 8;

export class MemoryRateLimiter implements RateLimiter {
  readonly #policy: RateLimitPolicy;
  readonly #now: () => number;
  readonly #maxKeys: number;
  // A Map iterates in insertion order: re-inserting on every take keeps it least-recently-used first.
  readonly #buckets = new Map<string, Bucket>();

  constructor(policy: RateLimitPolicy, options: { now?: () => number; maxKeys?: number } = {}) {
    if (!Number.isInteger(policy.burst) || policy.burst < 1) {
      throw new RangeError(`burst must be a whole number ≥ 1, got ${policy.burst}`);
    }
    if (!Number.isFinite(policy.perSecond) || policy.perSecond <= 0) {
      throw new RangeError(`perSecond must be a number > 0, got ${policy.perSecond}`);
    }
    const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a whole number ≥ 1, got ${maxKeys}`);
    this.#policy = { ...policy };
    this.#now = options.now ?? Date.now;
    this.#maxKeys = maxKeys;
  }

  /** How many keys are tracked right now (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string): Promise<RateLimitDecision> {
    const now = this.#now();
    const { burst, perSecond } = this.#policy;
    const bucket = this.#buckets.get(key);
    let tokens = bucket ? this.#refilled(bucket, now) : burst;

    this.#buckets.delete(key);
    this.#sweep(now);
    // Over the cap: drop the least recently used bucket. It is the one most likely to have refilled,
    // so this usually forgets nothing.
    while (this.#buckets.size >= this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (oldest.done) break;
      this.#buckets.delete(oldest.value);
    }

    let decision: RateLimitDecision;
    if (tokens >= 1 - EPSILON) {
      tokens = Math.max(0, tokens - 1);
      decision = { allowed: true, remaining: Math.floor(tokens + EPSILON), retryAfterSeconds: 0 };
    } else {
      const secondsToOneToken = (1 - tokens) / perSecond;
      decision = { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(secondsToOneToken - EPSILON)) };
    }
    this.#buckets.set(key, { tokens, updatedAt: now });
    return decision;
  }

  async reset(key: string): Promise<void> {
    // A missing bucket is a full one.
    this.#buckets.delete(key);
  }

  #refilled(bucket: Bucket, now: number): number {
    // A clock that steps backwards must not drain anyone's bucket.
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    return Math.min(this.#policy.burst, bucket.tokens + elapsedSeconds * this.#policy.perSecond);
  }

  /** Drops buckets at the old end that have refilled to full: they are equal to a fresh bucket. */
  #sweep(now: number): void {
    let checked = 0;
    for (const [key, bucket] of this.#buckets) {
      if (checked++ >= SWEEP_PER_TAKE) break;
      if (this.#refilled(bucket, now) < this.#policy.burst - EPSILON) break;
      this.#buckets.delete(key);
    }
  }
}

const DEFAULT_BURST = 20;
const DEFAULT_PER_SECOND = 3;

/** Reads CHAT_RATE_LIMIT_BURST (default 20) and CHAT_RATE_LIMIT_PER_SECOND (default 3); unset or blank means default. */
export function rateLimitPolicyFromEnv(env: Record<string, string | undefined>): RateLimitPolicy {
  return {
    burst: readEnvNumber(env, 'CHAT_RATE_LIMIT_BURST', DEFAULT_BURST, { integer: true }),
    perSecond: readEnvNumber(env, 'CHAT_RATE_LIMIT_PER_SECOND', DEFAULT_PER_SECOND, { integer: false }),
  };
}

function readEnvNumber(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  { integer }: { integer: boolean },
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const pattern = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const value = Number(raw);
  if (!pattern.test(raw) || !Number.isFinite(value) || value <= 0) {
    const expected = integer ? 'a whole number ≥ 1' : 'a number > 0 (e.g. 3 or 0.5)';
    throw new Error(`${name} must be ${expected}, got ${JSON.stringify(env[name])}`);
  }
  return value;
}
