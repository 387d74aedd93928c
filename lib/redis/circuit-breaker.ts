import {
  type Breaker,
  type BreakerSnapshot,
  type BreakerState,
  CircuitBreaker,
  type CircuitBreakerOptions,
  DEFAULT_COOLDOWN_MS,
  DEFAULT_FAILURE_THRESHOLD,
} from '@/lib/ai/circuit-breaker';
import { RedisScript, type SharedRedis } from './connection';

// The same state machine as CircuitBreaker, on one Redis hash (state, failures, retryAt) that every
// instance reads: a provider that fails on one instance is given a rest by all of them.
// A missing hash is a closed breaker with no failures. Times are Redis's clock, in ms.
const NOW = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

const ALLOW_REQUEST = new RedisScript(`
${NOW}
local breaker = redis.call('HMGET', KEYS[1], 'state', 'retryAt')
if not breaker[1] or breaker[1] == 'closed' then return 1 end
if breaker[2] and now < tonumber(breaker[2]) then return 0 end
redis.call('HSET', KEYS[1], 'state', 'half_open', 'retryAt', now + tonumber(ARGV[1]))
return 1
`);

const RECORD_FAILURE = new RedisScript(`
${NOW}
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
redis.call('PEXPIRE', KEYS[1], 86400000)
if state == 'open' then return failures end
if state == 'half_open' or failures >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'state', 'open', 'retryAt', now + tonumber(ARGV[1]))
end
return failures
`);

export class SharedCircuitBreaker implements Breaker {
  readonly #redis: SharedRedis;
  readonly #key: string;
  readonly #failureThreshold: number;
  readonly #cooldownMs: number;
  readonly #local: CircuitBreaker;

  /** `name` is the provider it guards (e.g. its label), so two providers never share a breaker. */
  constructor(redis: SharedRedis, name: string, options: CircuitBreakerOptions = {}) {
    // The local breaker checks the options and answers while Redis is away.
    this.#local = new CircuitBreaker(options);
    this.#redis = redis;
    this.#key = `${redis.keyPrefix}breaker:${name}`;
    this.#failureThreshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    this.#cooldownMs = options.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  }

  async allowRequest(): Promise<boolean> {
    return this.#shared(
      async (redis) => (await ALLOW_REQUEST.run(redis, [this.#key], [this.#cooldownMs])) === 1,
      () => this.#local.allowRequest(),
    );
  }

  async recordSuccess(): Promise<void> {
    await this.#local.recordSuccess();
    await this.#shared(
      async (redis) => {
        await redis.del(this.#key);
      },
      async () => {},
    );
  }

  async recordFailure(): Promise<void> {
    await this.#shared(
      async (redis) => {
        await RECORD_FAILURE.run(redis, [this.#key], [this.#cooldownMs, this.#failureThreshold]);
      },
      () => this.#local.recordFailure(),
    );
  }

  async snapshot(): Promise<BreakerSnapshot> {
    return this.#shared(
      async (redis) => {
        const [state, failures, retryAt] = await redis.hmget(this.#key, 'state', 'failures', 'retryAt');
        return {
          state: (state ?? 'closed') as BreakerState,
          consecutiveFailures: Number(failures ?? 0),
          retryAt: retryAt === null ? null : Number(retryAt),
        };
      },
      () => this.#local.snapshot(),
    );
  }

  async #shared<T>(inRedis: (redis: SharedRedis['commands']) => Promise<T>, locally: () => Promise<T>): Promise<T> {
    if (!this.#redis.isReady()) return locally();
    try {
      return await inRedis(this.#redis.commands);
    } catch (error) {
      console.warn('[redis] circuit breaker state unavailable, using this instance’s', error);
      return locally();
    }
  }
}
