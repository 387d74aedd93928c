/**
 * Stops sending chat requests to a model provider that keeps failing, so shoppers get a quick
 * "try again shortly" instead of waiting through retries, and the provider gets room to recover.
 * Async throughout so a shared (Redis) store can back it when the app runs on several instances.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  failureThreshold?: number;
  /** How long the breaker stays open before one probe is let through (default 30 s). */
  cooldownMs?: number;
  now?: () => number;
}

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  /** open: when a probe will be allowed; half_open: when a probe that never reported back is given up on; closed: null. */
  retryAt: number | null;
}

/** What the model wrapper asks of a breaker; kept in process (CircuitBreaker) or in Redis for several instances. */
export interface Breaker {
  allowRequest(): Promise<boolean>;
  recordSuccess(): Promise<void>;
  recordFailure(): Promise<void>;
  snapshot(): Promise<BreakerSnapshot>;
}

export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_COOLDOWN_MS = 30_000;

export class CircuitBreaker implements Breaker {
  readonly #failureThreshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #state: BreakerState = 'closed';
  #consecutiveFailures = 0;
  #retryAt: number | null = null;

  constructor(options: CircuitBreakerOptions = {}) {
    const failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    const cooldownMs = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a whole number ≥ 1, got ${failureThreshold}`);
    }
    if (!Number.isFinite(cooldownMs) || cooldownMs <= 0)
      throw new RangeError(`cooldownMs must be a number > 0, got ${cooldownMs}`);
    this.#failureThreshold = failureThreshold;
    this.#cooldownMs = cooldownMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * May a call go to the provider now? closed → true; open → false until the cooldown has passed,
   * then true for exactly one probe (half_open) and false for everyone else while it is out. A probe
   * that never reports back (its request crashed or hung) is given up on after another cooldown.
   */
  async allowRequest(): Promise<boolean> {
    if (this.#state === 'closed') return true;
    const now = this.#now();
    if (this.#retryAt !== null && now < this.#retryAt) return false;
    this.#state = 'half_open';
    this.#retryAt = now + this.#cooldownMs;
    return true;
  }

  /** The provider answered: close and forget earlier failures. */
  async recordSuccess(): Promise<void> {
    this.#state = 'closed';
    this.#consecutiveFailures = 0;
    this.#retryAt = null;
  }

  /** Counts a consecutive failure; opens at the threshold, or at once when the probe failed. */
  async recordFailure(): Promise<void> {
    this.#consecutiveFailures++;
    // While open, late failures from calls started before it opened say nothing new: keep the cooldown.
    if (this.#state === 'open') return;
    if (this.#state === 'half_open' || this.#consecutiveFailures >= this.#failureThreshold) {
      this.#state = 'open';
      this.#retryAt = this.#now() + this.#cooldownMs;
    }
  }

  async snapshot(): Promise<BreakerSnapshot> {
    return { state: this.#state, consecutiveFailures: this.#consecutiveFailures, retryAt: this.#retryAt };
  }
}

/** Reads CHAT_BREAKER_FAILURES (default 5) and CHAT_BREAKER_COOLDOWN_MS (default 30000); unset or blank means default. */
export function breakerOptionsFromEnv(env: Record<string, string | undefined>): CircuitBreakerOptions {
  return {
    failureThreshold: readPositiveInteger(env, 'CHAT_BREAKER_FAILURES', DEFAULT_FAILURE_THRESHOLD),
    cooldownMs: readPositiveInteger(env, 'CHAT_BREAKER_COOLDOWN_MS', DEFAULT_COOLDOWN_MS),
  };
}

function readPositiveInteger(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number ≥ 1, got ${JSON.stringify(env[name])}`);
  }
  return value;
}
