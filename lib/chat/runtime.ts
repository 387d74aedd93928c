import { randomBytes } from 'node:crypto';
import { breakerOptionsFromEnv, CircuitBreaker } from '@/lib/ai/circuit-breaker';
import { createProviderModel, type ProviderModel } from '@/lib/ai/model';
import { type Database, getDatabase, type PrismaClient } from '@/lib/db/client';
import type { DatabaseKind } from '@/lib/db/target';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { MemoryRateLimiter, type RateLimiter, rateLimitPolicyFromEnv } from '@/lib/http/rate-limit';
import { type ChatConfig, chatConfigFromEnv } from './config';
import { createMemoryLiveBus, type LiveBus } from './live';

/** Everything a chat turn needs, built once per process from the environment (tests build their own). */
export interface ChatRuntime {
  db: PrismaClient;
  databaseKind: DatabaseKind;
  config: ChatConfig;
  /** Null when no API key is set: the built-in engine answers. */
  provider: ProviderModel | null;
  breaker: CircuitBreaker;
  /** Keyed by shopper (customer or visitor) and, separately, by client IP. */
  rateLimiter: RateLimiter;
  /** Conversation changes, for the console's live views and the widget while a person has the conversation. */
  live: LiveBus;
  now: () => Date;
}

export function createChatRuntime(
  database: Pick<Database, 'prisma' | 'kind'>,
  env: Record<string, string | undefined>,
): ChatRuntime {
  const config = chatConfigFromEnv(env, () => {
    console.warn('[chat] TOOL_APPROVAL_SECRET is not set: using a per-process secret (set it when running several instances).');
    return randomBytes(32).toString('base64url');
  });
  return {
    db: database.prisma,
    databaseKind: database.kind,
    config,
    provider: config.openai ? createProviderModel(config.openai) : null,
    breaker: new CircuitBreaker(breakerOptionsFromEnv(env)),
    rateLimiter: new MemoryRateLimiter(rateLimitPolicyFromEnv(env)),
    live: createMemoryLiveBus(),
    now: () => new Date(),
  };
}

const globalForChat = globalThis as typeof globalThis & { chatRuntime?: Promise<ChatRuntime> };

/** The server's runtime: the app database and process.env, shared across hot reloads. */
export function getChatRuntime(): Promise<ChatRuntime> {
  globalForChat.chatRuntime ??= getDatabase()
    .then((database) => createChatRuntime(database, process.env))
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
