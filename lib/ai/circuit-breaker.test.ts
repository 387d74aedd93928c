import { describe, expect, it } from 'vitest';
import { breakerOptionsFromEnv, CircuitBreaker } from './circuit-breaker';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

async function fail(breaker: CircuitBreaker, times: number) {
  for (let i = 0; i < times; i++) await breaker.recordFailure();
}

/** An open breaker at T=1_000_000 with the default 5 failures and a 30 s cooldown. */
async function openBreaker() {
  const time = clock();
  const breaker = new CircuitBreaker({ now: time.now });
  await fail(breaker, 5);
  return { time, breaker };
}

describe('CircuitBreaker', () => {
  it('stays closed through 4 failures and opens on the 5th', async () => {
    const time = clock();
    const breaker = new CircuitBreaker({ now: time.now });
    await fail(breaker, 4);
    expect(await breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 4, retryAt: null });
    expect(await breaker.allowRequest()).toBe(true);

    await breaker.recordFailure();
    expect(await breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 5, retryAt: 1_030_000 });
    expect(await breaker.allowRequest()).toBe(false);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const breaker = new CircuitBreaker({ now: clock().now });
    await fail(breaker, 4);
    await breaker.recordSuccess();
    expect(await breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, retryAt: null });
    await fail(breaker, 4);
    expect((await breaker.snapshot()).state).toBe('closed');
  });

  it('refuses while open until the cooldown has passed', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(29_999);
    expect(await breaker.allowRequest()).toBe(false);
    time.advance(1);
    expect(await breaker.allowRequest()).toBe(true);
    expect(await breaker.snapshot()).toEqual({ state: 'half_open', consecutiveFailures: 5, retryAt: 1_060_000 });
  });

  it('lets exactly one probe through when half open', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(30_000);
    const answers = await Promise.all([1, 2, 3, 4].map(() => breaker.allowRequest()));
    expect(answers).toEqual([true, false, false, false]);
    time.advance(10_000);
    expect(await breaker.allowRequest()).toBe(false);
  });

  it('closes when the probe succeeds', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(30_000);
    await breaker.allowRequest();
    await breaker.recordSuccess();
    expect(await breaker.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, retryAt: null });
    expect(await breaker.allowRequest()).toBe(true);
    expect(await breaker.allowRequest()).toBe(true);
  });

  it('reopens with a fresh cooldown when the probe fails', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(30_000);
    await breaker.allowRequest();
    time.advance(2_000); // the probe took 2 s to fail
    await breaker.recordFailure();
    expect(await breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 6, retryAt: 1_062_000 });
    time.advance(29_999);
    expect(await breaker.allowRequest()).toBe(false);
    time.advance(1);
    expect(await breaker.allowRequest()).toBe(true);
  });

  it('gives up on a probe that never reports back after another cooldown', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(30_000);
    expect(await breaker.allowRequest()).toBe(true); // this probe is lost
    time.advance(29_999);
    expect(await breaker.allowRequest()).toBe(false);
    time.advance(1);
    expect(await breaker.allowRequest()).toBe(true); // a new probe
    expect(await breaker.allowRequest()).toBe(false);
    expect(await breaker.snapshot()).toEqual({ state: 'half_open', consecutiveFailures: 5, retryAt: 1_090_000 });
  });

  it('does not extend the cooldown for late failures of calls started before it opened', async () => {
    const { time, breaker } = await openBreaker();
    time.advance(10_000);
    await fail(breaker, 3);
    expect(await breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 8, retryAt: 1_030_000 });
  });

  it('honours custom thresholds and cooldowns', async () => {
    const time = clock(0);
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 500, now: time.now });
    await breaker.recordFailure();
    expect(await breaker.snapshot()).toEqual({ state: 'open', consecutiveFailures: 1, retryAt: 500 });
    time.advance(500);
    expect(await breaker.allowRequest()).toBe(true);
  });

  it('refuses nonsensical options', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ cooldownMs: -1 })).toThrow(RangeError);
  });
});

describe('breakerOptionsFromEnv', () => {
  it('defaults to 5 failures and 30 s', () => {
    expect(breakerOptionsFromEnv({})).toEqual({ failureThreshold: 5, cooldownMs: 30_000 });
  });

  it('reads both variables', () => {
    expect(breakerOptionsFromEnv({ CHAT_BREAKER_FAILURES: '3', CHAT_BREAKER_COOLDOWN_MS: '1500' })).toEqual({
      failureThreshold: 3,
      cooldownMs: 1500,
    });
  });

  it.each([
    ['CHAT_BREAKER_FAILURES', '0'],
    ['CHAT_BREAKER_FAILURES', 'five'],
    ['CHAT_BREAKER_COOLDOWN_MS', '-100'],
    ['CHAT_BREAKER_COOLDOWN_MS', '30s'],
    ['CHAT_BREAKER_COOLDOWN_MS', '1.5'],
  ])('refuses %s=%j, naming the variable', (name, value) => {
    expect(() => breakerOptionsFromEnv({ [name]: value })).toThrow(name);
  });
});
