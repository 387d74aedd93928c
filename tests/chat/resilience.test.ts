import { describe, expect, it } from 'vitest';
import { handleChatRequest } from '@/lib/chat/handler';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds())('POST /api/chat when the provider throttles or fails (%s)', (kind) => {
  const chat = useChatHarness(kind, {
    env: { CHAT_MAX_RETRIES: '4', CHAT_BREAKER_COOLDOWN_MS: '400', CHAT_FIRST_CHUNK_TIMEOUT_MS: '300' },
  });

  it('waits as a 429 Retry-After says, then answers from the model', async () => {
    const { fake, db } = chat();
    const before = fake?.requests.length ?? 0;
    fake?.reply(
      { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } },
      { text: 'Hello again!' },
    );
    const conversationId = newConversationId();

    const started = performance.now();
    const reply = await chat().send({ conversationId, text: 'hi' });

    expect(reply.text).toBe('Hello again!');
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect((fake?.requests.length ?? 0) - before).toBe(2);
    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(answer).toMatchObject({ model: 'openai:gpt-test', usedFallback: false });
    expect(answer.error).toContain('429');
  });

  it('opens the breaker after five failures, answers with the offline engine, and recovers after the cool-down', async () => {
    const { fake, db, runtime } = chat();
    const serverError = { status: 500, body: { error: { message: 'upstream exploded' } } };
    fake?.reply(serverError, serverError, serverError, serverError, serverError);

    // Turn 1: five failed attempts (1 + 4 retries) open the breaker; the engine answers this turn.
    const first = newConversationId();
    const firstReply = await chat().send({ conversationId: first, text: 'Limited Retro Sneaker' });
    expect(fake?.pending()).toBe(0);
    expect((await runtime.breaker.snapshot()).state).toBe('open');
    expect(firstReply.text).toContain('SKU-LIMITED-SNEAKER-01');
    expect(firstReply.raw).not.toContain('upstream exploded');

    // Turn 2: the breaker is open, so the provider is not even asked.
    const requestsBefore = fake?.requests.length;
    const second = newConversationId();
    const secondReply = await chat().send({ conversationId: second, text: 'Trail Running Shoe' });
    expect(fake?.requests.length).toBe(requestsBefore);
    expect(secondReply.text).toContain('NW-4471-B');

    await waitForAssistantMessages(db, first, 1);
    await waitForAssistantMessages(db, second, 1);
    for (const conversationId of [first, second]) {
      const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
      expect(answer).toMatchObject({ model: 'offline', usedFallback: true });
      // The offline engine answered through the same tools, and the log says which model asked.
      const calls = await db.toolCallLog.findMany({ where: { conversationId } });
      expect(calls.map((c) => [c.toolName, c.model, c.state])).toEqual([['searchProducts', 'offline', 'succeeded']]);
    }
    const firstAnswer = await db.chatMessage.findFirstOrThrow({ where: { conversationId: first, role: 'assistant' } });
    expect(firstAnswer.error).toContain('upstream exploded');

    // After the cool-down one probe goes through; it succeeds and the breaker closes.
    await new Promise((resolve) => setTimeout(resolve, 450));
    fake?.reply({ text: 'Back to normal.' });
    const third = newConversationId();
    const thirdReply = await chat().send({ conversationId: third, text: 'hello' });
    expect(thirdReply.text).toBe('Back to normal.');
    expect((await runtime.breaker.snapshot()).state).toBe('closed');
  });

  it('hands a turn to the offline engine when the provider sends nothing in time', async () => {
    const { fake, db, runtime } = chat();
    await runtime.breaker.recordSuccess();
    fake?.reply({ hang: true }, { hang: true }, { hang: true }, { hang: true }, { hang: true });
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'Trail Running Shoe' });

    expect(reply.text).toContain('NW-4471-B');
    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(answer).toMatchObject({ model: 'offline', usedFallback: true });
    expect(answer.error).toContain('FirstChunkTimeout');
    // Let the breaker cool down for the next test.
    await new Promise((resolve) => setTimeout(resolve, 450));
    fake?.reply({ text: 'ok' });
    await chat().send({ conversationId: newConversationId(), text: 'probe' });
  });

  it('reports an error mid-stream to the shopper without internals, and keeps what was said', async () => {
    const { fake, db } = chat();
    fake?.reply({ textThenDrop: 'The limited sneaker is' });
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'tell me about the sneaker' });

    expect(reply.text).toContain('The limited sneaker is');
    const error = reply.chunks.find((c) => c.type === 'error');
    expect(error?.errorText).toBe('Sorry, the answer was interrupted. Please try again.');
    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(JSON.stringify(answer.parts)).toContain('The limited sneaker is');
    expect(answer.error).not.toBeNull();
  });

  it('finishes and saves the whole turn when the shopper disconnects after the first chunk', async () => {
    const { fake, db, runtime, request } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: 'SKU-LIMITED-SNEAKER-01' } }] },
      { text: 'Yes, 28 pairs are in stock across our warehouses.' },
    );
    const conversationId = newConversationId();

    const response = await handleChatRequest(request({ conversationId, text: 'in stock?' }), runtime);
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    await reader?.cancel();

    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(JSON.stringify(answer.parts)).toContain('Yes, 28 pairs are in stock across our warehouses.');
    const calls = await db.toolCallLog.findMany({ where: { conversationId } });
    expect(calls.map((c) => [c.toolName, c.state])).toEqual([['checkInventory', 'succeeded']]);
    // Nothing was left unanswered for the next request.
    expect(fake?.pending()).toBe(0);
  });
});
