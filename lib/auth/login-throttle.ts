import { ApiError } from '@/lib/http/errors';
import { MemoryRateLimiter, type RateLimiter, type RateLimitPolicy } from '@/lib/http/rate-limit';
import type { SharedRedis } from '@/lib/redis/connection';
import { SharedRateLimiter } from '@/lib/redis/rate-limiter';

/** Per account (email, known or not): 5 tries back to back, then one every 30 s. */
export const SIGN_IN_ATTEMPTS_PER_ACCOUNT: RateLimitPolicy = { burst: 5, perSecond: 1 / 30 };
/** Per client address: 20 tries (an office full of staff signing in at nine), then one every 5 s. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS: RateLimitPolicy = { burst: 20, perSecond: 1 / 5 };

export interface LoginThrottle {
  byAccount: RateLimiter;
  byAddress: RateLimiter;
}

/** In Redis when the instances share one, so a guesser cannot spread attempts over instances. */
export function createLoginThrottle(now: () => number, redis: SharedRedis | null = null): LoginThrottle {
  const limiter = (name: string, policy: RateLimitPolicy) => {
    const local = new MemoryRateLimiter(policy, { now });
    return redis ? new SharedRateLimiter(redis, name, policy, local) : local;
  };
  return {
    byAccount: limiter('sign-in-account', SIGN_IN_ATTEMPTS_PER_ACCOUNT),
    byAddress: limiter('sign-in-address', SIGN_IN_ATTEMPTS_PER_ADDRESS),
  };
}

/**
 * Charges one sign-in attempt, before the password is looked at (so parallel guesses cannot race
 * past the limit), or refuses with 429. The address is charged first: a guesser it stops no longer
 * drains the account's bucket, which would lock its owner out.
 */
export async function chargeSignInAttempt(throttle: LoginThrottle, email: string, address: string): Promise<void> {
  const byAddress = await throttle.byAddress.take(`ip:${address}`);
  const decision = byAddress.allowed ? await throttle.byAccount.take(`account:${email}`) : byAddress;
  if (!decision.allowed) {
    const { retryAfterSeconds } = decision;
    throw new ApiError('rate_limited', `Too many sign-in attempts. Please wait ${retryAfterSeconds} s and try again.`, {
      retryAfterSeconds,
    });
  }
}

/** A successful sign-in forgives the account's failures; the address keeps its count (others share it). */
export async function forgiveSignInAttempts(throttle: LoginThrottle, email: string): Promise<void> {
  await throttle.byAccount.reset(`account:${email}`);
}
