import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter, rateLimitPolicyFromEnv } from './rate-limit';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

async function takeMany(limiter: MemoryRateLimiter, key: string, count: number) {
  const decisions = [];
  for (let i = 0; i < count; i++) decisions.push(await limiter.take(key));
  return decisions;
}

describe('MemoryRateLimiter', () => {
  it('allows a full burst, then refuses with a whole-second retry hint', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 20, perSecond: 3 }, { now: time.now });

    const burst = await takeMany(limiter, 'shopper-1', 20);
    expect(burst.every((d) => d.allowed)).toBe(true);
    expect(burst.map((d) => d.remaining)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(burst.every((d) => d.retryAfterSeconds === 0)).toBe(true);

    const refused = await limiter.take('shopper-1');
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('refills continuously with the clock', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 20, perSecond: 3 }, { now: time.now });
    await takeMany(limiter, 'k', 20);

    time.advance(300); // 0.9 tokens: still refused
    expect((await limiter.take('k')).allowed).toBe(false);
    time.advance(40); // 1.02 tokens
    expect(await limiter.take('k')).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    expect((await limiter.take('k')).allowed).toBe(false);

    time.advance(1000); // 3 more tokens
    const after = await takeMany(limiter, 'k', 4);
    expect(after.map((d) => d.allowed)).toEqual([true, true, true, false]);

    time.advance(60_000); // refill stops at the burst
    const refilled = await takeMany(limiter, 'k', 21);
    expect(refilled.filter((d) => d.allowed)).toHaveLength(20);
  });

  it('tells how long until the next token when the refill is slow', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 1, perSecond: 0.1 }, { now: time.now });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).retryAfterSeconds).toBe(10);
    time.advance(2_500);
    expect((await limiter.take('k')).retryAfterSeconds).toBe(8); // 7.5 s rounds up
    time.advance(7_500);
    expect((await limiter.take('k')).allowed).toBe(true);
  });

  it('refill after exactly one token period is not lost to floating point', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 1, perSecond: 3 }, { now: time.now });
    await limiter.take('k');
    time.advance(1000 / 3);
    expect((await limiter.take('k')).allowed).toBe(true);
  });

  it('keeps keys independent', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 2, perSecond: 1 }, { now: time.now });
    expect((await takeMany(limiter, 'a', 3)).map((d) => d.allowed)).toEqual([true, true, false]);
    expect((await takeMany(limiter, 'b', 2)).map((d) => d.allowed)).toEqual([true, true]);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('reset refills one key and leaves the others as they were', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 2, perSecond: 0.001 }, { now: time.now });
    await takeMany(limiter, 'forgiven', 2);
    await takeMany(limiter, 'other', 2);
    await limiter.reset('forgiven');
    expect(await limiter.take('forgiven')).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    expect((await limiter.take('other')).allowed).toBe(false);
  });

  it('does not drain a bucket when the clock steps backwards', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 2, perSecond: 1 }, { now: time.now });
    await limiter.take('k');
    time.advance(-5_000);
    expect(await limiter.take('k')).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it('bounds memory by evicting the least recently used key', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 2, perSecond: 0.001 }, { now: time.now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) await limiter.take(key);
    await limiter.take('a'); // a is now the most recently used; b the least
    await limiter.take('d');
    expect(limiter.size).toBe(3);

    // a kept its state (empty), b was forgotten (starts full again).
    expect((await limiter.take('a')).allowed).toBe(false);
    expect(await limiter.take('b')).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });

    for (let i = 0; i < 50; i++) await limiter.take(`spray-${i}`);
    expect(limiter.size).toBe(3);
  });

  it('drops buckets that have refilled to full without waiting for the cap', async () => {
    const time = clock();
    const limiter = new MemoryRateLimiter({ burst: 5, perSecond: 1 }, { now: time.now });
    for (let i = 0; i < 5; i++) await limiter.take(`old-${i}`);
    expect(limiter.size).toBe(5);
    time.advance(1_000); // each old bucket had 4 tokens: now full
    await limiter.take('new');
    expect(limiter.size).toBe(1);
  });

  it('refuses nonsensical policies', () => {
    expect(() => new MemoryRateLimiter({ burst: 0, perSecond: 1 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ burst: 1.5, perSecond: 1 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ burst: 1, perSecond: 0 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ burst: 1, perSecond: 1 }, { maxKeys: 0 })).toThrow(RangeError);
  });
});

describe('rateLimitPolicyFromEnv', () => {
  it('defaults to 20 burst, 3 per second', () => {
    expect(rateLimitPolicyFromEnv({})).toEqual({ burst: 20, perSecond: 3 });
    expect(rateLimitPolicyFromEnv({ CHAT_RATE_LIMIT_BURST: '', CHAT_RATE_LIMIT_PER_SECOND: ' ' })).toEqual({
      burst: 20,
      perSecond: 3,
    });
  });

  it('reads both variables', () => {
    expect(rateLimitPolicyFromEnv({ CHAT_RATE_LIMIT_BURST: '5', CHAT_RATE_LIMIT_PER_SECOND: '0.5' })).toEqual({
      burst: 5,
      perSecond: 0.5,
    });
  });

  it.each(['0', '-1', '2.5', 'ten', '1e3', 'Infinity'])('refuses CHAT_RATE_LIMIT_BURST=%j', (value) => {
    expect(() => rateLimitPolicyFromEnv({ CHAT_RATE_LIMIT_BURST: value })).toThrow(/CHAT_RATE_LIMIT_BURST/);
  });

  it.each(['0', '0.0', '-3', 'fast', 'NaN', '1,5'])('refuses CHAT_RATE_LIMIT_PER_SECOND=%j', (value) => {
    expect(() => rateLimitPolicyFromEnv({ CHAT_RATE_LIMIT_PER_SECOND: value })).toThrow(/CHAT_RATE_LIMIT_PER_SECOND/);
  });
});
