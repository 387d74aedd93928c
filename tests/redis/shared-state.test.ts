import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '@/lib/chat/live';
import { SharedCircuitBreaker } from '@/lib/redis/circuit-breaker';
import type { SharedRedis } from '@/lib/redis/connection';
import { createSharedLiveBus } from '@/lib/redis/live-bus';
import { SharedRateLimiter } from '@/lib/redis/rate-limiter';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { connectTestRedis, dropKeys, newKeyPrefix, TEST_REDIS_URL, waitFor } from '../support/test-redis';

// Two SharedRedis connections with one key prefix play two app instances sharing one Redis.
describe.skipIf(!TEST_REDIS_URL)('state shared through Redis by two instances', () => {
  let a: SharedRedis;
  let b: SharedRedis;

  beforeAll(async () => {
    const prefix = newKeyPrefix();
    [a, b] = await Promise.all([connectTestRedis(prefix), connectTestRedis(prefix)]);
  });

  afterAll(async () => {
    await dropKeys(a);
    await Promise.all([a.close(), b.close()]);
  });

  it('charges one bucket per key from every instance, and resets it everywhere', async () => {
    const policy = { burst: 3, perSecond: 0.01 };
    const onA = new SharedRateLimiter(a, 'chat', policy);
    const onB = new SharedRateLimiter(b, 'chat', policy);

    const decisions = [await onA.take('visitor:1'), await onB.take('visitor:1'), await onA.take('visitor:1')];
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = await onB.take('visitor:1');
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 100 });
    // Another key, and the same key in another limiter, have their own buckets.
    expect((await onB.take('visitor:2')).remaining).toBe(2);
    expect((await new SharedRateLimiter(b, 'sign-in', policy).take('visitor:1')).allowed).toBe(true);

    await onA.reset('visitor:1');
    expect(await onB.take('visitor:1')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it('refills at the policy rate on Redis’s clock', async () => {
    const onA = new SharedRateLimiter(a, 'refill', { burst: 1, perSecond: 20 });
    const onB = new SharedRateLimiter(b, 'refill', { burst: 1, perSecond: 20 });
    expect((await onA.take('k')).allowed).toBe(true);
    expect(await onB.take('k')).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await onB.take('k')).allowed).toBe(true);
  });

  it('opens the breaker for every instance and lets exactly one probe through after the cool-down', async () => {
    const options = { failureThreshold: 3, cooldownMs: 300 };
    const onA = new SharedCircuitBreaker(a, 'openai:test-model', options);
    const onB = new SharedCircuitBreaker(b, 'openai:test-model', options);

    await onA.recordFailure();
    await onB.recordFailure();
    expect(await onA.allowRequest()).toBe(true);
    await onB.recordFailure();
    expect((await onA.snapshot()).state).toBe('open');
    expect(await onA.allowRequest()).toBe(false);
    expect(await onB.allowRequest()).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 350));
    const probes = await Promise.all([onA.allowRequest(), onB.allowRequest(), onA.allowRequest()]);
    expect(probes.filter(Boolean)).toHaveLength(1);
    expect((await onB.snapshot()).state).toBe('half_open');

    await onB.recordSuccess();
    expect(await onA.snapshot()).toEqual({ state: 'closed', consecutiveFailures: 0, retryAt: null });
    expect(await onA.allowRequest()).toBe(true);
    // Another provider's breaker is its own.
    expect((await new SharedCircuitBreaker(a, 'openai:other', options).snapshot()).state).toBe('closed');
  });

  it('delivers a live event published on one instance to listeners on the other', async () => {
    const busA = createSharedLiveBus(a);
    const busB = createSharedLiveBus(b);
    const seenOnB: ConversationEvent[] = [];
    const seenOnA: ConversationEvent[] = [];
    const stopB = busB.subscribe((event) => seenOnB.push(event));
    const stopA = busA.subscribe((event) => seenOnA.push(event));
    // The subscription is asynchronous: publish until it is in place.
    await waitFor(() => {
      busA.publish({ conversationId: 'c-live', kind: 'message', status: 'bot' });
      return seenOnB.length > 0;
    }, 'the event on B');
    expect(seenOnB[0]).toMatchObject({ conversationId: 'c-live', kind: 'message', status: 'bot' });
    await waitFor(() => seenOnA.length > 0, 'the event back on A');
    stopA();
    stopB();
  });
});

describe.skipIf(!TEST_REDIS_URL)('when Redis goes away', () => {
  let proxy: TcpProxy;
  let redis: SharedRedis;

  beforeAll(async () => {
    const target = new URL(TEST_REDIS_URL ?? '');
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    redis = await connectTestRedis(newKeyPrefix(), `redis://127.0.0.1:${proxy.port}`);
  });

  afterAll(async () => {
    await proxy.restore();
    await waitFor(() => redis.isReady(), 'Redis to come back');
    await dropKeys(redis);
    await redis.close();
    await proxy.close();
  });

  it('falls back to this instance’s limits, breaker and live bus at once, and shares again when it is back', async () => {
    const limiter = new SharedRateLimiter(redis, 'chat', { burst: 2, perSecond: 0.01 });
    const breaker = new SharedCircuitBreaker(redis, 'openai:m', { failureThreshold: 1, cooldownMs: 60_000 });
    const bus = createSharedLiveBus(redis);
    expect((await limiter.take('k')).remaining).toBe(1);

    await proxy.cut();
    await waitFor(() => !redis.isReady(), 'the connection to drop');
    const started = performance.now();
    // The local bucket is new: Redis's count is not known here.
    expect(await limiter.take('k')).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 });
    await breaker.recordFailure();
    expect(await breaker.allowRequest()).toBe(false);
    const events: ConversationEvent[] = [];
    const stop = bus.subscribe((event) => events.push(event));
    bus.publish({ conversationId: 'c-local', kind: 'note' });
    expect(events.map((event) => event.conversationId)).toEqual(['c-local']);
    stop();
    // No waiting on a dead connection: every fallback answered at once.
    expect(performance.now() - started).toBeLessThan(500);

    await proxy.restore();
    await waitFor(() => redis.isReady(), 'the reconnect');
    // Redis's bucket was charged once before the cut.
    expect((await limiter.take('k')).remaining).toBe(0);
    expect(await breaker.allowRequest()).toBe(true);
  });
});
