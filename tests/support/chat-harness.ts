import { afterAll, beforeAll } from 'vitest';
import { signShopperToken } from '@/lib/auth/shopper-token';
import { VISITOR_COOKIE } from '@/lib/auth/visitor';
import { handleChatRequest } from '@/lib/chat/handler';
import { type ChatRuntime, createChatRuntime } from '@/lib/chat/runtime';
import type { Database, DatabaseKind, PrismaClient } from '@/lib/db/client';
import { FIXTURE, seedCommerceFixture } from './commerce-fixture';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai';
import { openTestDatabase } from './test-database';

export const SHOPPER_SECRET = 'test-shopper-secret-0123456789abcdef';

/** A UI-message stream chunk as the widget receives it. */
export interface StreamChunk {
  type: string;
  [key: string]: unknown;
}

export interface ChatReply {
  status: number;
  headers: Headers;
  /** The stream's chunks (empty for error responses). */
  chunks: StreamChunk[];
  /** Every text delta joined: what the shopper read. */
  text: string;
  /** The JSON body of a non-stream response. */
  json: unknown;
  /** The raw body, for "this never appears anywhere" assertions. */
  raw: string;
}

export interface SendOptions {
  conversationId: string;
  text?: string;
  /** Replaces the whole `messages` array (forgery tests). */
  messages?: unknown[];
  /** Replaces the whole body. */
  rawBody?: string;
  trigger?: string;
  /** Customer id to sign a token for, or a ready-made token via `authorization`. */
  customer?: string;
  authorization?: string;
  /** The anonymous visitor's secret (sent as the cookie). */
  visitor?: string;
  ip?: string;
}

export interface ChatHarness {
  db: PrismaClient;
  runtime: ChatRuntime;
  /** Null when the harness runs without a provider (offline engine only). */
  fake: FakeOpenAI | null;
  request(options: SendOptions): Request;
  send(options: SendOptions): Promise<ChatReply>;
}

export function chatRequest(options: SendOptions, token: string | null): Request {
  const headers = new Headers({ 'content-type': 'application/json', 'x-forwarded-for': options.ip ?? '203.0.113.7' });
  if (options.authorization) headers.set('authorization', options.authorization);
  else if (token) headers.set('authorization', `Bearer ${token}`);
  if (options.visitor) headers.set('cookie', `${VISITOR_COOKIE}=${options.visitor}`);
  const body =
    options.rawBody ??
    JSON.stringify({
      id: options.conversationId,
      trigger: options.trigger ?? 'submit-message',
      messages: options.messages ?? [{ id: 'client-1', role: 'user', parts: [{ type: 'text', text: options.text ?? 'hello' }] }],
    });
  return new Request('http://127.0.0.1:3000/api/chat', { method: 'POST', headers, body });
}

export async function readReply(response: Response): Promise<ChatReply> {
  const raw = await response.text();
  const isStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
  const chunks: StreamChunk[] = isStream
    ? raw
        .split('\n\n')
        .map((event) => event.replace(/^data: /, '').trim())
        .filter((data) => data !== '' && data !== '[DONE]')
        .map((data) => JSON.parse(data) as StreamChunk)
    : [];
  const text = chunks.flatMap((c) => (c.type === 'text-delta' && typeof c.delta === 'string' ? [c.delta] : [])).join('');
  return { status: response.status, headers: response.headers, chunks, text, json: isStream ? null : JSON.parse(raw), raw };
}

/**
 * For the enclosing describe block: the fixture store in a fresh database, a fake OpenAI-compatible
 * server (unless `provider: false`), and the real chat handler wired to both through the same
 * environment variables the app reads.
 */
export function useChatHarness(
  kind: DatabaseKind,
  options: { provider?: boolean; env?: Record<string, string> } = {},
): () => ChatHarness {
  let database: Database | undefined;
  let harness: ChatHarness | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCommerceFixture(database.prisma);
    const fake = options.provider === false ? null : await startFakeOpenAI();
    const env: Record<string, string> = {
      SHOPPER_TOKEN_SECRET: SHOPPER_SECRET,
      TOOL_APPROVAL_SECRET: 'test-approval-secret',
      CHAT_RETRY_DELAY_MS: '10',
      CHAT_RATE_LIMIT_BURST: '1000',
      CHAT_RATE_LIMIT_PER_SECOND: '1000',
      ...(fake && { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'gpt-test' }),
      ...options.env,
    };
    const runtime: ChatRuntime = { ...createChatRuntime(database, env), now: () => FIXTURE.now };
    const request = (send: SendOptions) => {
      const token = send.customer ? tokens.get(send.customer) : null;
      return chatRequest(send, token ?? null);
    };
    const tokens = new Map<string, string>();
    for (const customer of [FIXTURE.customer, FIXTURE.otherCustomer, FIXTURE.plainCustomer]) {
      tokens.set(customer, await signShopperToken(customer, SHOPPER_SECRET, { now: FIXTURE.now }));
    }
    harness = {
      db: database.prisma,
      runtime,
      fake,
      request,
      send: async (send) => readReply(await handleChatRequest(request(send), runtime)),
    };
  });
  afterAll(async () => {
    await harness?.fake?.close();
    await database?.close();
  });
  return () => {
    if (!harness) throw new Error('useChatHarness: used before beforeAll ran');
    return harness;
  };
}

let counter = 0;
/** A fresh conversation id in useChat's format. */
export function newConversationId(): string {
  counter++;
  return `conv${Date.now().toString(36)}${counter.toString().padStart(6, '0')}xyz`;
}

/** Waits until the turn's answer has been saved (turns save themselves when the stream ends). */
export async function waitForAssistantMessages(db: PrismaClient, conversationId: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const saved = await db.chatMessage.count({ where: { conversationId, role: 'assistant', durationMs: { not: null } } });
    if (saved >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`conversation ${conversationId}: ${count} saved assistant message(s) expected`);
}
