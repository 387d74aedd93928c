import { Redis, type RedisOptions } from 'ioredis';

/**
 * The Redis that several app instances share (REDIS_URL). Every user of it keeps a local fallback:
 * while Redis is unreachable an instance goes on answering with per-instance limits, breaker and
 * live updates, and the health check says so.
 */
export interface SharedRedis {
  /** Commands: rate limits, breaker state, stream keys, publishing. */
  commands: Redis;
  /** Subscriptions only: a subscribed connection can run no other command. */
  subscriber: Redis;
  /** Put before every key and channel, so several apps (or test runs) can share one Redis. */
  keyPrefix: string;
  /** Both connections are up: callers use Redis. Otherwise they use their local fallback at once. */
  isReady(): boolean;
  close(): Promise<void>;
}

export const DEFAULT_KEY_PREFIX = 'shopchat:';

// Fail fast while Redis is away (the local fallback answers) and keep trying to reconnect.
const CONNECTION_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 1_000,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
};

/** Reads REDIS_URL (unset or blank → null: one instance, everything in process) and REDIS_KEY_PREFIX. */
export function redisSettingsFromEnv(env: Record<string, string | undefined>): { url: string; keyPrefix: string } | null {
  const url = env.REDIS_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(env.REDIS_URL)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(env.REDIS_URL)}`);
  }
  return { url, keyPrefix: env.REDIS_KEY_PREFIX?.trim() || DEFAULT_KEY_PREFIX };
}

/** Opens both connections; resolves once they are up, or after `waitMs` with the fallbacks in use. */
export async function connectSharedRedis(
  settings: { url: string; keyPrefix: string },
  { waitMs = 3_000 }: { waitMs?: number } = {},
): Promise<SharedRedis> {
  const commands = new Redis(settings.url, { ...CONNECTION_OPTIONS, connectionName: 'shopchat-commands' });
  const subscriber = new Redis(settings.url, { ...CONNECTION_OPTIONS, connectionName: 'shopchat-subscriber' });
  const where = redactedAddress(settings.url);

  let reported: 'up' | 'down' | null = null;
  let closing = false;
  const report = () => {
    if (closing) return;
    const up = commands.status === 'ready' && subscriber.status === 'ready';
    if (up && reported !== 'up') console.info(`[redis] connected to ${where}: limits, breaker and live updates are shared`);
    if (!up && reported === 'up')
      console.warn(`[redis] lost ${where}: rate limits, breaker and live updates are per instance until it is back`);
    reported = up ? 'up' : reported === null ? null : 'down';
  };
  for (const connection of [commands, subscriber]) {
    connection.on('ready', report);
    connection.on('close', report);
    // ioredis reports every failed reconnect: the transitions above say what matters.
    connection.on('error', () => {});
  }

  const shared: SharedRedis = {
    commands,
    subscriber,
    keyPrefix: settings.keyPrefix,
    isReady: () => commands.status === 'ready' && subscriber.status === 'ready',
    close: async () => {
      closing = true;
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
  await waitUntilReady(shared, waitMs);
  if (!shared.isReady())
    console.warn(`[redis] ${where} is not reachable yet: starting with per-instance limits and live updates`);
  return shared;
}

function waitUntilReady(redis: SharedRedis, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.commands.off('ready', check);
      redis.subscriber.off('ready', check);
      resolve();
    };
    const check = () => {
      if (redis.isReady()) done();
    };
    const timer = setTimeout(done, waitMs);
    redis.commands.on('ready', check);
    redis.subscriber.on('ready', check);
    check();
  });
}

/** host:port only: a password in the URL never reaches a log. */
function redactedAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

/**
 * Runs a Lua script by its digest, loading it on first use (EVALSHA, then EVAL on NOSCRIPT), so
 * each call sends a few bytes instead of the whole script.
 */
export class RedisScript {
  readonly #source: string;
  #sha: string | null = null;

  constructor(source: string) {
    this.#source = source;
  }

  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    if (this.#sha !== null) {
      try {
        return await redis.evalsha(this.#sha, keys.length, ...keys, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      }
    }
    this.#sha = String(await redis.script('LOAD', this.#source));
    return redis.evalsha(this.#sha, keys.length, ...keys, ...args);
  }
}

const globalForRedis = globalThis as typeof globalThis & { sharedRedis?: Promise<SharedRedis | null> };

/** The server's shared Redis from REDIS_URL (null when unset), opened once per process. */
export function getSharedRedis(): Promise<SharedRedis | null> {
  globalForRedis.sharedRedis ??= (async () => {
    const settings = redisSettingsFromEnv(process.env);
    return settings ? connectSharedRedis(settings) : null;
  })();
  return globalForRedis.sharedRedis;
}
