import { randomBytes } from 'node:crypto';
import { after } from 'next/server';
import { type Breaker, breakerOptionsFromEnv, CircuitBreaker } from '@/lib/ai/circuit-breaker';
import { createProviderModel, type ProviderModel } from '@/lib/ai/model';
import { type Database, getDatabase, type PrismaClient } from '@/lib/db/client';
import type { DatabaseKind } from '@/lib/db/target';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { MemoryRateLimiter, type RateLimiter, rateLimitPolicyFromEnv } from '@/lib/http/rate-limit';
import { SharedCircuitBreaker } from '@/lib/redis/circuit-breaker';
import { getSharedRedis, type SharedRedis } from '@/lib/redis/connection';
import { createSharedLiveBus } from '@/lib/redis/live-bus';
import { SharedRateLimiter } from '@/lib/redis/rate-limiter';
import { type AnswerStreams, createAnswerStreams } from './answer-streams';
import { type ChatConfig, chatConfigFromEnv } from './config';
import { createMemoryLiveBus, type LiveBus } from './live';
import { type StoreFactsSource, storeFactsSource } from './store-facts';

/** Everything a chat turn needs, built once per process from the environment (tests build their own). */
export interface ChatRuntime {
  db: PrismaClient;
  databaseKind: DatabaseKind;
  config: ChatConfig;
  /** Null when no API key is set: the built-in engine answers. */
  provider: ProviderModel | null;
  breaker: Breaker;
  /** Keyed by shopper (customer or visitor) and, separately, by client IP. */
  rateLimiter: RateLimiter;
  /** Conversation changes, for the console's live views and the widget while a person has the conversation. */
  live: LiveBus;
  /** Answers in flight, for shoppers who come back mid-answer. */
  answers: AnswerStreams;
  /** The store and shopper facts for a turn's instructions (the store's part cached briefly). */
  storeFacts: StoreFactsSource;
  /** What the instances share (REDIS_URL); null: one instance, all of the above in process. */
  redis: SharedRedis | null;
  /** Keeps the server up until the promise settles: a SIGTERM waits for answers still being written. */
  waitUntil: (promise: Promise<unknown>) => void;
  now: () => Date;
}

export interface ChatRuntimeOptions {
  redis?: SharedRedis | null;
  waitUntil?: (promise: Promise<unknown>) => void;
}

export function createChatRuntime(
  database: Pick<Database, 'prisma' | 'kind'>,
  env: Record<string, string | undefined>,
  { redis = null, waitUntil = () => {} }: ChatRuntimeOptions = {},
): ChatRuntime {
  const config = chatConfigFromEnv(env, () => {
    console.warn('[chat] TOOL_APPROVAL_SECRET is not set: using a per-process secret (set it when running several instances).');
    return randomBytes(32).toString('base64url');
  });
  const provider = config.openai ? createProviderModel(config.openai) : null;
  const breakerOptions = breakerOptionsFromEnv(env);
  const rateLimitPolicy = rateLimitPolicyFromEnv(env);
  return {
    db: database.prisma,
    databaseKind: database.kind,
    config,
    provider,
    breaker: redis
      ? new SharedCircuitBreaker(redis, provider?.label ?? 'offline', breakerOptions)
      : new CircuitBreaker(breakerOptions),
    rateLimiter: redis ? new SharedRateLimiter(redis, 'chat', rateLimitPolicy) : new MemoryRateLimiter(rateLimitPolicy),
    live: redis ? createSharedLiveBus(redis) : createMemoryLiveBus(),
    answers: createAnswerStreams({
      redis,
      keyPrefix: redis?.keyPrefix ?? '',
      ttlSeconds: Math.ceil(config.turnTimeoutMs / 1000) + 60,
      waitUntil,
    }),
    storeFacts: storeFactsSource(database.prisma),
    redis,
    waitUntil,
    now: () => new Date(),
  };
}

const globalForChat = globalThis as typeof globalThis & { chatRuntime?: Promise<ChatRuntime> };

/** The server's runtime: the app database and process.env, shared across hot reloads. */
export function getChatRuntime(): Promise<ChatRuntime> {
  globalForChat.chatRuntime ??= Promise.all([getDatabase(), getSharedRedis()])
    // Next's after() holds a graceful shutdown (SIGTERM) until the promise settles.
    .then(([database, redis]) => createChatRuntime(database, process.env, { redis, waitUntil: (promise) => after(promise) }))
    .catch((error: unknown) => {
      globalForChat.chatRuntime = undefined;
      throw error;
    });
  return globalForChat.chatRuntime;
}

/** Runs a route with the server's runtime, or answers 503 when its database cannot be opened. */
export async function withChatRuntime(run: (runtime: ChatRuntime) => Promise<Response>): Promise<Response> {
  let runtime: ChatRuntime;
  try {
    runtime = await getChatRuntime();
  } catch (error) {
    console.error('[chat] not ready', error);
    return errorResponse(
      new ApiError('unavailable', 'The assistant is starting up or its database is unavailable. Please try again shortly.'),
    );
  }
  return run(runtime);
}
