import { randomBytes } from 'node:crypto';
import { connectSharedRedis, type SharedRedis } from '@/lib/redis/connection';

/** Redis-backed suites run when TEST_REDIS_URL is set (CI sets it to the local Redis); each run uses its own key prefix. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

export function newKeyPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}:`;
}

/** One app instance's connections: tests open two with the same prefix to play two instances. */
export function connectTestRedis(keyPrefix: string, url = TEST_REDIS_URL): Promise<SharedRedis> {
  if (!url) throw new Error('TEST_REDIS_URL is not set');
  return connectSharedRedis({ url, keyPrefix }, { waitMs: 5_000 });
}

/** Deletes every key the run made. */
export async function dropKeys(redis: SharedRedis): Promise<void> {
  const keys = await redis.commands.keys(`${redis.keyPrefix}*`);
  if (keys.length > 0) await redis.commands.del(...keys);
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
