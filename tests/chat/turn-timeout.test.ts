import { describe, expect, it } from 'vitest';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds())('POST /api/chat turn timeout (%s)', (kind) => {
  const chat = useChatHarness(kind, { env: { CHAT_TURN_TIMEOUT_MS: '300', CHAT_FIRST_CHUNK_TIMEOUT_MS: '5000' } });

  it('stops a turn that runs past CHAT_TURN_TIMEOUT_MS, tells the shopper, and saves it', async () => {
    const { fake, db } = chat();
    fake?.reply(async () => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      return { text: 'Too late.' };
    });
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'hello' });

    expect(reply.text).toContain('took too long');
    expect(reply.text).not.toContain('Too late.');
    expect(reply.chunks.at(-1)?.type).toBe('abort');
    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(answer.finishReason).toBe('timeout');
    expect(answer.error).toMatch(/TimeoutError/);
    expect(JSON.stringify(answer.parts)).toContain('took too long');
  });
});
