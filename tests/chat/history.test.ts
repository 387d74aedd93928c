import { describe, expect, it } from 'vitest';
import { signShopperToken } from '@/lib/auth/shopper-token';
import { handleHistoryRequest } from '@/lib/chat/history';
import { newConversationId, SHOPPER_SECRET, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

const VISITOR = 'historyVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function historyRequest(options: { visitor?: string; token?: string }): Request {
  const headers = new Headers({ 'x-forwarded-for': '203.0.113.50' });
  if (options.visitor) headers.set('cookie', `shopchat_visitor=${options.visitor}`);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  return new Request('http://127.0.0.1:3000/api/conversations/x', { headers });
}

describe.each(testDatabaseKinds())('GET /api/conversations/{id} (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('gives the owner the conversation as the widget showed it, and nobody else', async () => {
    const { fake, db, runtime } = chat();
    fake?.reply({ toolCalls: [{ name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] }, { text: 'We have 28 pairs.' });
    const conversationId = newConversationId();
    await chat().send({ conversationId, visitor: VISITOR, text: 'sneaker stock?' });
    await waitForAssistantMessages(db, conversationId, 1);

    const own = await handleHistoryRequest(historyRequest({ visitor: VISITOR }), runtime, conversationId);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('no-store');
    const body = (await own.json()) as { id: string; status: string; messages: { role: string; parts: { type: string }[] }[] };
    expect(body.id).toBe(conversationId);
    expect(body.status).toBe('bot');
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(JSON.stringify(body.messages[1]?.parts)).toContain('We have 28 pairs.');
    expect(body.messages[1]?.parts.some((p) => p.type === 'tool-checkInventory')).toBe(true);

    const stranger = await handleHistoryRequest(
      historyRequest({ visitor: 'someoneElseXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' }),
      runtime,
      conversationId,
    );
    expect(stranger.status).toBe(404);
    const token = await signShopperToken(FIXTURE.customer, SHOPPER_SECRET, { now: FIXTURE.now });
    const customer = await handleHistoryRequest(historyRequest({ token }), runtime, conversationId);
    expect(customer.status).toBe(404);
    const missing = await handleHistoryRequest(historyRequest({ visitor: VISITOR }), runtime, newConversationId());
    expect(missing.status).toBe(404);
  });

  it('refuses a bad shopper token with 401', async () => {
    const { runtime } = chat();
    const response = await handleHistoryRequest(historyRequest({ token: 'not.a.jwt' }), runtime, newConversationId());
    expect(response.status).toBe(401);
  });
});
