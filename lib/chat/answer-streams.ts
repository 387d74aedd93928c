import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { consumeStream } from 'ai';
import type { Publisher, ResumableStreamContext, Subscriber } from 'resumable-stream/generic';
import { createResumableStreamContext } from 'resumable-stream/generic';
import type { SharedRedis } from '@/lib/redis/connection';

/**
 * Answers in flight, kept so a shopper who reloads or loses the connection picks the answer up
 * where it was (GET /api/chat/{id}/stream). The `resumable-stream` package records each answer's
 * stream and relays it to anyone who asks: over Redis pub/sub when REDIS_URL is set (any instance
 * can resume an answer another instance is writing), otherwise within this process.
 */
export interface AnswerStreams {
  /**
   * Reads the turn's event stream to its end whoever listens (so the turn finishes and saves), and
   * records it as the conversation's answer in flight; resolves once it is recorded (never rejects).
   * It counts as done once `saved` settles.
   */
  keep(conversationId: string, events: ReadableStream<string>, saved: Promise<unknown>): Promise<void>;
  /** The conversation's answer in flight, from its first event; null when none is. */
  resume(conversationId: string): Promise<ReadableStream<string> | null>;
}

/** Where a stream's chunks travel between the answering request and those resuming it. */
interface Backplane {
  context: ResumableStreamContext;
  publisher: Publisher;
  isReady(): boolean;
}

// How long a finished answer waits for its transcript to be saved before it is called done anyway.
const SAVE_WAIT_MS = 10_000;

export function createAnswerStreams(options: {
  redis: SharedRedis | null;
  keyPrefix: string;
  /** An answer is not resumable after this long (the turn's own time limit bounds it anyway). */
  ttlSeconds: number;
  /** Keeps the server alive until the promise settles (Next's `after` on the server; tests track it). */
  waitUntil: (promise: Promise<unknown>) => void;
}): AnswerStreams {
  const local = memoryBackplane(options.keyPrefix, options.ttlSeconds, options.waitUntil);
  const shared = options.redis && redisBackplane(options.redis, options.ttlSeconds, options.waitUntil);
  const activeKey = (conversationId: string) => `${options.keyPrefix}answer:${conversationId}`;

  return {
    async keep(conversationId, events, saved) {
      // Done only after the save, so a shopper who reloads in between gets the answer from one or the other.
      const untilSaved = new TransformStream<string, string>({
        flush: () => Promise.race([saved.then(() => undefined), delay(SAVE_WAIT_MS)]),
      });
      const backplane = shared?.isReady() ? shared : local;
      const streamId = `${conversationId}:${randomUUID()}`;
      try {
        await backplane.context.createNewResumableStream(streamId, () => events.pipeThrough(untilSaved));
        await backplane.publisher.set(activeKey(conversationId), streamId, { EX: options.ttlSeconds });
      } catch (error) {
        // Redis went away between the check and the call: the answer still runs to its end, unresumable.
        console.warn(`[chat] the answer in conversation ${conversationId} cannot be resumed`, error);
        if (!events.locked) options.waitUntil(consumeStream({ stream: events.pipeThrough(untilSaved) }));
      }
    },

    async resume(conversationId) {
      for (const backplane of [local, shared]) {
        if (!backplane?.isReady()) continue;
        try {
          const streamId = await backplane.publisher.get(activeKey(conversationId));
          if (typeof streamId !== 'string') continue;
          const stream = await backplane.context.resumeExistingStream(streamId);
          if (stream) return stream;
        } catch (error) {
          // The instance writing it is gone (or Redis is): nothing to resume.
          console.warn(`[chat] could not resume the answer in conversation ${conversationId}`, error);
        }
      }
      return null;
    },
  };
}

/**
 * The package keeps a finished stream's marker for a day; only "nothing in flight" matters here, so
 * every key lives at most `ttlSeconds` and a sale day's answers do not pile up in memory.
 */
function expiry(ttlSeconds: number, options?: { EX?: number }): number {
  return Math.min(options?.EX ?? ttlSeconds, ttlSeconds);
}

function redisBackplane(redis: SharedRedis, ttlSeconds: number, waitUntil: (promise: Promise<unknown>) => void): Backplane {
  const { commands, subscriber } = redis;
  const publisher: Publisher = {
    connect: async () => {},
    publish: (channel, message) => commands.publish(channel, message),
    set: (key, value, options) => commands.set(key, value, 'EX', expiry(ttlSeconds, options)),
    get: (key) => commands.get(key),
    incr: (key) => commands.incr(key),
  };
  const handlers = new Map<string, (message: string) => void>();
  subscriber.on('message', (channel: string, message: string) => handlers.get(channel)?.(message));
  const subscriberAdapter: Subscriber = {
    connect: async () => {},
    subscribe: async (channel, callback) => {
      handlers.set(channel, callback);
      await subscriber.subscribe(channel);
    },
    unsubscribe: async (channel) => {
      handlers.delete(channel);
      return subscriber.unsubscribe(channel);
    },
  };
  return {
    context: createResumableStreamContext({
      keyPrefix: `${redis.keyPrefix}stream`,
      waitUntil,
      publisher,
      subscriber: subscriberAdapter,
    }),
    publisher,
    isReady: () => redis.isReady(),
  };
}

/** The same publish/subscribe and keys, within this process: one instance without Redis. */
function memoryBackplane(keyPrefix: string, ttlSeconds: number, waitUntil: (promise: Promise<unknown>) => void): Backplane {
  const channels = new EventEmitter();
  channels.setMaxListeners(0);
  const values = new Map<string, { value: string; expiresAt: number }>();
  const read = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expiresAt <= Date.now()) values.delete(key);
    return values.get(key)?.value ?? null;
  };
  const write = (key: string, value: string, options?: { EX?: number }) => {
    values.delete(key);
    values.set(key, { value, expiresAt: Date.now() + expiry(ttlSeconds, options) * 1000 });
    // Every key lives equally long, so the oldest written expire first: drop them from the front.
    for (const [oldKey, entry] of values) {
      if (entry.expiresAt > Date.now()) break;
      values.delete(oldKey);
    }
  };
  const publisher: Publisher = {
    connect: async () => {},
    // Delivered on the next turn of the event loop, as a network round trip would be.
    publish: async (channel, message) => {
      queueMicrotask(() => channels.emit(channel, message));
      return channels.listenerCount(channel);
    },
    set: async (key, value, options) => {
      write(key, value, options);
      return 'OK';
    },
    get: async (key) => read(key),
    incr: async (key) => {
      const next = Number(read(key) ?? 0) + 1;
      write(key, String(next));
      return next;
    },
  };
  const listeners = new Map<string, (message: string) => void>();
  const subscriber: Subscriber = {
    connect: async () => {},
    subscribe: async (channel, callback) => {
      listeners.set(channel, callback);
      channels.on(channel, callback);
    },
    unsubscribe: async (channel) => {
      const callback = listeners.get(channel);
      if (callback) channels.off(channel, callback);
      listeners.delete(channel);
    },
  };
  return {
    context: createResumableStreamContext({ keyPrefix: `${keyPrefix}stream`, waitUntil, publisher, subscriber }),
    publisher,
    isReady: () => true,
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
