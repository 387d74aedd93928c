import { describe, expect, it } from 'vitest';
import type { ConsoleRuntime } from '@/lib/console/route';
import { handleAgentMessage, handleOwnershipChange } from '@/lib/console/takeover';
import { handleConversationDetail } from '@/lib/console/transcript';
import { type ConsoleConversation, consoleConversationSchema } from '@/lib/console/transcript-schema';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';
import { answeredConversation, consoleRequest, consoleRuntimeFor, json, signedInStaff } from './takeover-harness';

const VISITOR = 'transcriptVisitorAAAAAAAAAAAAAAAAAAAAAAAAA';

describe.each(testDatabaseKinds())('GET /api/console/conversations/{id} (%s)', (kind) => {
  const chat = useChatHarness(kind);
  let console_: ConsoleRuntime | undefined;
  const runtime = () => {
    console_ ??= consoleRuntimeFor(chat());
    return console_;
  };

  async function detail(id: string, session: string): Promise<{ status: number; conversation: ConsoleConversation | null }> {
    const response = await handleConversationDetail(consoleRequest(`/${id}`, { method: 'GET', session }), runtime(), id);
    if (response.status !== 200) return { status: response.status, conversation: null };
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The page parses it with the same schema.
    const body = consoleConversationSchema.parse((await json<{ conversation: unknown }>(response)).conversation);
    return { status: 200, conversation: body };
  }

  it('shows a signed-in shopper’s conversation with each tool call inline, the model and numbers of each answer, and who they are', async () => {
    const { fake, db } = chat();
    const agent = await signedInStaff(runtime(), { name: 'Li Na' });
    const conversationId = newConversationId();
    fake?.reply(
      { toolCalls: [{ name: 'getOrder', arguments: { orderId: FIXTURE.shippedOrder } }] },
      { text: 'Your order has shipped.' },
    );
    await chat().send({ conversationId, customer: FIXTURE.customer, text: `Where is ${FIXTURE.shippedOrder}?` });
    await waitForAssistantMessages(db, conversationId, 1);

    const { status, conversation } = await detail(conversationId, agent.session);
    expect(status).toBe(200);
    if (!conversation) throw new Error('no conversation');
    expect(conversation).toMatchObject({
      id: conversationId,
      status: 'bot',
      messageCount: 2,
      toolsUsed: ['getOrder'],
      labels: [],
    });
    expect(conversation.shopper).toMatchObject({ kind: 'customer', id: FIXTURE.customer, name: expect.any(String) });
    if (conversation.shopper.kind !== 'customer') throw new Error('expected a customer');
    expect(conversation.shopper.recentOrders.map((order) => order.id)).toContain(FIXTURE.shippedOrder);
    expect(conversation.shopper.recentOrders[0]).toMatchObject({
      status: expect.any(String),
      total: expect.stringMatching(/^\d+\.\d\d$/),
    });

    const [question, answer] = conversation.messages;
    expect(question).toMatchObject({
      role: 'user',
      items: [{ kind: 'text', text: `Where is ${FIXTURE.shippedOrder}?` }],
      turn: null,
    });
    expect(answer?.role).toBe('assistant');
    expect(answer?.turn).toMatchObject({ model: 'openai:gpt-test', usedFallback: false, finishReason: 'stop', error: null });
    expect(answer?.turn?.inputTokens).toBeGreaterThan(0);
    expect(answer?.turn?.firstTextMs).toBeGreaterThanOrEqual(0);
    const tool = answer?.items.find((item) => item.kind === 'tool');
    expect(tool).toMatchObject({
      kind: 'tool',
      call: { toolName: 'getOrder', state: 'succeeded', input: { orderId: FIXTURE.shippedOrder }, error: null, step: 0 },
    });
    if (tool?.kind !== 'tool') throw new Error('no tool call');
    expect(JSON.stringify(tool.call.output)).toContain(FIXTURE.shippedOrder);
    expect(tool.call.durationMs).toBeGreaterThanOrEqual(0);
    // The tool call comes before the answer's text, as the shopper saw it.
    expect(answer?.items.map((item) => item.kind)).toEqual(['tool', 'text']);
  });

  it('shows staff replies with their author, the holder, rating and notes; an anonymous shopper as such', async () => {
    const agent = await signedInStaff(runtime(), { name: 'Wang Fang' });
    const id = await answeredConversation(chat(), VISITOR);
    const take = await handleOwnershipChange(consoleRequest(`/${id}/take`, { session: agent.session }), runtime(), id, 'take');
    expect(take.status).toBe(200);
    const sent = await handleAgentMessage(
      consoleRequest(`/${id}/messages`, { session: agent.session, body: { text: 'Wang Fang here.' } }),
      runtime(),
      id,
    );
    expect(sent.status).toBe(201);
    await chat().db.conversation.update({
      where: { id },
      data: { rating: 4, ratingComment: 'Quick help', ratedAt: FIXTURE.now },
    });
    await chat().db.conversationNote.create({
      data: { conversationId: id, staffUserId: agent.user.id, body: 'Asked about a refund' },
    });

    const { conversation } = await detail(id, agent.session);
    expect(conversation).toMatchObject({
      status: 'human',
      assignedStaff: { id: agent.user.id, name: 'Wang Fang' },
      shopper: { kind: 'anonymous' },
      rating: { score: 4, comment: 'Quick help', ratedAt: FIXTURE.now.toISOString() },
      notes: [{ body: 'Asked about a refund', author: { name: 'Wang Fang' } }],
      olderMessagesOmitted: 0,
    });
    expect(conversation?.messages.at(-1)).toMatchObject({
      role: 'agent',
      author: { id: agent.user.id, name: 'Wang Fang' },
      items: [{ kind: 'text', text: 'Wang Fang here.' }],
      turn: null,
    });
  });

  it('keeps each message’s own tool call when a model reuses a call id in a later turn', async () => {
    const { fake, db } = chat();
    const agent = await signedInStaff(runtime());
    const conversationId = newConversationId();
    fake?.reply(
      { toolCalls: [{ id: 'call_reused', name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] },
      { text: 'We have some.' },
    );
    await chat().send({ conversationId, visitor: VISITOR, text: 'sneaker stock?' });
    await waitForAssistantMessages(db, conversationId, 1);
    fake?.reply(
      { toolCalls: [{ id: 'call_reused', name: 'handOffToHuman', arguments: {} }] },
      { text: 'A colleague will reply.' },
    );
    await chat().send({ conversationId, visitor: VISITOR, text: 'a person please' });
    await waitForAssistantMessages(db, conversationId, 2);

    const { conversation } = await detail(conversationId, agent.session);
    const calls = conversation?.messages.flatMap((message) =>
      message.items.flatMap((item) => (item.kind === 'tool' ? [item.call] : [])),
    );
    expect(calls?.map((call) => [call.toolName, call.input])).toEqual([
      ['checkInventory', { sku: FIXTURE.sneaker }],
      ['handOffToHuman', {}],
    ]);
  });

  it('answers 404 for an unknown conversation', async () => {
    const agent = await signedInStaff(runtime());
    expect((await detail(newConversationId(), agent.session)).status).toBe(404);
  });
});
