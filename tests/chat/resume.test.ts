import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleChatRequest } from '@/lib/chat/handler';
import { handleResumeRequest } from '@/lib/chat/resume';
import { type ChatRuntime, createChatRuntime } from '@/lib/chat/runtime';
import type { SharedRedis } from '@/lib/redis/connection';
import {
  chatRequest,
  newConversationId,
  readReply,
  type StreamChunk,
  useChatHarness,
  waitForAssistantMessages,
} from '../support/chat-harness';
import { testDatabaseKinds } from '../support/test-database';
import { connectTestRedis, dropKeys, newKeyPrefix, TEST_REDIS_URL } from '../support/test-redis';

const SLOW_ANSWER = 'Our retro sneaker is in stock in the East China warehouse and ships tomorrow.';
const VISITOR = 'resume-visitor-secret-0123456789abcdefghijkl';
const STRANGER = 'resume-stranger-secret-0123456789abcdefghijk';

function resumeRequest(conversationId: string, visitor: string): Request {
  return new Request(`http://127.0.0.1:3000/api/chat/${conversationId}/stream`, {
    headers: { cookie: `shopchat_visitor=${visitor}`, 'x-forwarded-for': '203.0.113.9' },
  });
}

/** Reads the answer until its first text arrives, then drops the connection as a closed tab would. */
async function readFirstTextThenDrop(response: Response): Promise<string> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error('no body');
  let seen = '';
  while (!seen.includes('"text-delta"')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the answer ended before any text: ${seen}`);
    seen += value;
  }
  await reader.cancel();
  return seen;
}

function textOf(chunks: StreamChunk[]): string {
  return chunks.flatMap((c) => (c.type === 'text-delta' && typeof c.delta === 'string' ? [c.delta] : [])).join('');
}

describe.each(testDatabaseKinds())('GET /api/chat/{id}/stream (%s)', (kind) => {
  const harness = useChatHarness(kind);

  it('replays an answer in flight from its first event to a shopper who dropped, then says 204', async () => {
    const { fake, runtime, db } = harness();
    fake?.reply({ text: SLOW_ANSWER, chunks: 8, delayMs: 60 });
    const conversationId = newConversationId();

    const first = await handleChatRequest(
      chatRequest({ conversationId, text: 'is the retro sneaker in stock?', visitor: VISITOR }, null),
      runtime,
    );
    await readFirstTextThenDrop(first);

    const resumed = await readReply(await handleResumeRequest(resumeRequest(conversationId, VISITOR), runtime, conversationId));
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toContain('text/event-stream');
    expect(resumed.chunks[0]?.type).toBe('start');
    expect(textOf(resumed.chunks)).toBe(SLOW_ANSWER);
    expect(resumed.chunks.at(-1)?.type).toBe('finish');

    await waitForAssistantMessages(db, conversationId, 1);
    const after = await handleResumeRequest(resumeRequest(conversationId, VISITOR), runtime, conversationId);
    expect(after.status).toBe(204);
  });

  it('answers 404 to anyone but the owner, and 204 when nothing was ever in flight', async () => {
    const { fake, runtime, db } = harness();
    fake?.reply({ text: SLOW_ANSWER, chunks: 8, delayMs: 40 });
    const conversationId = newConversationId();
    const first = await handleChatRequest(chatRequest({ conversationId, text: 'hello', visitor: VISITOR }, null), runtime);
    await readFirstTextThenDrop(first);

    const stranger = await readReply(await handleResumeRequest(resumeRequest(conversationId, STRANGER), runtime, conversationId));
    expect(stranger.status).toBe(404);
    expect(stranger.raw).not.toContain('sneaker');
    await waitForAssistantMessages(db, conversationId, 1);

    const idle = newConversationId();
    await handleChatRequest(chatRequest({ conversationId: idle, text: 'hi', visitor: VISITOR }, null), runtime).then(readReply);
    expect((await handleResumeRequest(resumeRequest(idle, VISITOR), runtime, idle)).status).toBe(204);
  });

  it('holds the server (waitUntil) until the answer is saved', async () => {
    const { fake, runtime, db } = harness();
    const held: Promise<unknown>[] = [];
    const tracked: ChatRuntime = { ...runtime, waitUntil: (promise) => held.push(promise) };
    fake?.reply({ text: SLOW_ANSWER, chunks: 6, delayMs: 40 });
    const conversationId = newConversationId();
    await readFirstTextThenDrop(
      await handleChatRequest(chatRequest({ conversationId, text: 'stock?', visitor: VISITOR }, null), tracked),
    );
    expect(held.length).toBeGreaterThan(0);
    await Promise.all(held);
    const saved = await db.chatMessage.findFirst({ where: { conversationId, role: 'assistant' }, select: { text: true } });
    expect(saved?.text).toBe(SLOW_ANSWER);
  });
});

describe.skipIf(!TEST_REDIS_URL)('an answer started on one instance, resumed through another (Redis)', () => {
  const harness = useChatHarness('pglite');
  let redisA: SharedRedis;
  let redisB: SharedRedis;
  let instanceA: ChatRuntime;
  let instanceB: ChatRuntime;

  beforeAll(async () => {
    const prefix = newKeyPrefix();
    [redisA, redisB] = await Promise.all([connectTestRedis(prefix), connectTestRedis(prefix)]);
    const { runtime, db } = harness();
    const env = {
      TOOL_APPROVAL_SECRET: 'test-approval-secret',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: harness().fake?.baseURL ?? '',
      OPENAI_MODEL: 'gpt-test',
      CHAT_RATE_LIMIT_BURST: '1000',
    };
    const database = { prisma: db, kind: runtime.databaseKind };
    instanceA = { ...createChatRuntime(database, env, { redis: redisA }), now: runtime.now };
    instanceB = { ...createChatRuntime(database, env, { redis: redisB }), now: runtime.now };
  });

  afterAll(async () => {
    await dropKeys(redisA);
    await Promise.all([redisA.close(), redisB.close()]);
  });

  it('relays the whole answer over Redis to the other instance', async () => {
    const { fake, db } = harness();
    fake?.reply({ text: SLOW_ANSWER, chunks: 10, delayMs: 60 });
    const conversationId = newConversationId();
    await readFirstTextThenDrop(
      await handleChatRequest(chatRequest({ conversationId, text: 'stock?', visitor: VISITOR }, null), instanceA),
    );
    const resumed = await readReply(await handleResumeRequest(resumeRequest(conversationId, VISITOR), instanceB, conversationId));
    expect(resumed.status).toBe(200);
    expect(textOf(resumed.chunks)).toBe(SLOW_ANSWER);
    await waitForAssistantMessages(db, conversationId, 1);
    expect((await handleResumeRequest(resumeRequest(conversationId, VISITOR), instanceB, conversationId)).status).toBe(204);
  });
});
