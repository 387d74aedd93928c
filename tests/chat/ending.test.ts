import { describe, expect, it } from 'vitest';
import { handleCloseRequest, handleRatingRequest } from '@/lib/chat/ending';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { testDatabaseKinds } from '../support/test-database';

const OWNER = 'endingVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const STRANGER = 'endingStrangerBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

function conversationPost(path: 'close' | 'rating', visitor: string, body?: unknown): Request {
  return new Request(`http://127.0.0.1:3000/api/conversations/x/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopchat-visitor': visitor, 'x-forwarded-for': '203.0.113.60' },
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe.each(testDatabaseKinds())('ending and rating a conversation (%s)', (kind) => {
  const chat = useChatHarness(kind);

  async function startConversation(): Promise<string> {
    const { db } = chat();
    chat().fake?.reply({ text: 'Hello! How can I help?' });
    const conversationId = newConversationId();
    await chat().send({ conversationId, visitor: OWNER, text: 'hello' });
    await waitForAssistantMessages(db, conversationId, 1);
    return conversationId;
  }

  it('closes the owner’s conversation, keeps their rating and comment, and reopens it when they write again', async () => {
    const { db, runtime } = chat();
    const id = await startConversation();

    const closed = await handleCloseRequest(conversationPost('close', OWNER), runtime, id);
    expect(closed.status).toBe(200);
    expect(await closed.json()).toEqual({ id, status: 'closed' });

    const rated = await handleRatingRequest(
      conversationPost('rating', OWNER, { score: 4, comment: '  Quick and right  ' }),
      runtime,
      id,
    );
    expect(rated.status).toBe(200);
    expect(await rated.json()).toEqual({ id, rating: { score: 4, comment: 'Quick and right' } });
    const row = await db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'closed', rating: 4, ratingComment: 'Quick and right' });
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(row.ratedAt).toBeInstanceOf(Date);

    chat().fake?.reply({ text: 'Welcome back.' });
    await chat().send({ conversationId: id, visitor: OWNER, text: 'one more thing' });
    await waitForAssistantMessages(db, id, 2);
    expect(await db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'bot',
      closedAt: null,
      rating: 4,
    });
  });

  it('refuses strangers, bad scores and malformed bodies, and changes nothing', async () => {
    const { db, runtime } = chat();
    const id = await startConversation();

    expect((await handleCloseRequest(conversationPost('close', STRANGER), runtime, id)).status).toBe(404);
    expect((await handleRatingRequest(conversationPost('rating', STRANGER, { score: 5 }), runtime, id)).status).toBe(404);
    expect((await handleCloseRequest(conversationPost('close', OWNER), runtime, newConversationId())).status).toBe(404);

    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 3.5 },
      { score: '5' },
      { score: 5, comment: 'x'.repeat(1001) },
      'not json',
    ]) {
      const response = await handleRatingRequest(conversationPost('rating', OWNER, body), runtime, id);
      expect(response.status).toBe(400);
      const error = ((await response.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(/score|comment|JSON/);
    }
    expect(await db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'bot',
      rating: null,
      ratingComment: null,
      closedAt: null,
    });
  });
});
