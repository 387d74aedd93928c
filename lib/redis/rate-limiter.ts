import { MemoryRateLimiter, type RateLimitDecision, type RateLimiter, type RateLimitPolicy } from '@/lib/http/rate-limit';
import { RedisScript, type SharedRedis } from './connection';

/**
 * The token bucket of MemoryRateLimiter, kept in Redis so every instance charges the same bucket.
 * Redis's own clock is used, so instances whose clocks disagree still refill alike. Returns
 * {allowed, remaining, retryAfterSeconds} as integers (Lua numbers reach the client truncated).
 */
const TAKE_TOKEN = new RedisScript(`
local burst = tonumber(ARGV[1])
local per_second = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if bucket[1] then
  local elapsed = math.max(0, now - tonumber(bucket[2])) / 1000
  tokens = math.min(burst, tonumber(bucket[1]) + elapsed * per_second)
end
local epsilon = 1e-9
local result
if tokens >= 1 - epsilon then
  tokens = math.max(0, tokens - 1)
  result = {1, math.floor(tokens + epsilon), 0}
else
  result = {0, 0, math.max(1, math.ceil((1 - tokens) / per_second - epsilon))}
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
-- A bucket left alone refills: once full it equals a missing key, so it may expire.
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_second * 1000) + 1000)
return result
`);

export class SharedRateLimiter implements RateLimiter {
  readonly #redis: SharedRedis;
  readonly #policy: RateLimitPolicy;
  readonly #namespace: string;
  readonly #local: MemoryRateLimiter;

  /** `name` keeps this limiter's buckets apart from other limiters' (chat, sign-in) in the one Redis. */
  constructor(redis: SharedRedis, name: string, policy: RateLimitPolicy, local = new MemoryRateLimiter(policy)) {
    this.#redis = redis;
    this.#policy = policy;
    this.#namespace = `${redis.keyPrefix}rate:${name}:`;
    this.#local = local;
  }

  async take(key: string): Promise<RateLimitDecision> {
    if (!this.#redis.isReady()) return this.#local.take(key);
    try {
      const reply = await TAKE_TOKEN.run(
        this.#redis.commands,
        [this.#namespace + key],
        [this.#policy.burst, this.#policy.perSecond],
      );
      const [allowed, remaining, retryAfterSeconds] = reply as [number, number, number];
      return { allowed: allowed === 1, remaining, retryAfterSeconds };
    } catch (error) {
      console.warn('[redis] rate limit check failed, using this instance’s limits', error);
      return this.#local.take(key);
    }
  }

  async reset(key: string): Promise<void> {
    await this.#local.reset(key);
    if (!this.#redis.isReady()) return;
    try {
      await this.#redis.commands.del(this.#namespace + key);
    } catch (error) {
      console.warn('[redis] could not reset a rate limit', error);
    }
  }
}
