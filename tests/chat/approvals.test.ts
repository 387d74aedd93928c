import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ChatReply, newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

/** What useChat sends after addToolApprovalResponse: the last assistant message with the tool part answered. */
function approvalMessages(
  approvalId: string,
  approved: boolean,
  input: unknown = { items: [{ sku: FIXTURE.trail, quantity: 1 }] },
) {
  return [
    { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'I will take one Trail Running Shoe' }] },
    {
      id: 'a1',
      role: 'assistant',
      parts: [
        {
          type: 'tool-placeOrder',
          toolCallId: 'call_place',
          state: 'approval-responded',
          input,
          approval: { id: approvalId, approved },
        },
      ],
    },
  ];
}

const placedOrderSchema = z.object({ order: z.object({ id: z.string() }), replayed: z.boolean() });

function approvalIdOf(reply: ChatReply): string {
  const request = reply.chunks.find((c) => c.type === 'tool-approval-request');
  if (typeof request?.approvalId !== 'string') throw new Error('no approval request in the stream');
  return request.approvalId;
}

describe.each(testDatabaseKinds())('POST /api/chat order placement needs the shopper to confirm (%s)', (kind) => {
  const chat = useChatHarness(kind);
  const ordersOfCustomer = () => chat().db.order.count({ where: { customerId: FIXTURE.customer } });

  async function askToOrder(conversationId: string, customer?: string, followUp?: string): Promise<ChatReply> {
    chat().fake?.reply({
      toolCalls: [{ name: 'placeOrder', arguments: { items: [{ sku: FIXTURE.trail, quantity: 1 }] }, id: 'call_place' }],
    });
    if (followUp) chat().fake?.reply({ text: followUp });
    return chat().send({ conversationId, ...(customer && { customer }), text: 'I will take one Trail Running Shoe' });
  }

  it('asks for approval before placeOrder runs, places one order once approved, and refuses a replayed approval', async () => {
    const { fake, db } = chat();
    const conversationId = newConversationId();
    const before = await ordersOfCustomer();

    const asked = await askToOrder(conversationId, FIXTURE.customer);
    const approvalId = approvalIdOf(asked);
    expect(await ordersOfCustomer()).toBe(before);
    await waitForAssistantMessages(db, conversationId, 1);
    const pending = await db.toolCallLog.findFirstOrThrow({ where: { conversationId } });
    expect(pending).toMatchObject({ toolName: 'placeOrder', state: 'awaiting_approval', durationMs: null });
    const stored = JSON.stringify(
      (await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } })).parts,
    );
    expect(stored).toContain('"signature"');

    // The client tampers with the quantity in its copy; the stored call is what runs.
    fake?.reply({ text: 'Your order is placed.' });
    const approved = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      messages: approvalMessages(approvalId, true, { items: [{ sku: FIXTURE.trail, quantity: 9 }] }),
    });
    expect(approved.status).toBe(200);
    expect(approved.text).toBe('Your order is placed.');
    expect(await ordersOfCustomer()).toBe(before + 1);
    const placed = approved.chunks.find((c) => c.type === 'tool-output-available');
    const { order, replayed: wasReplayed } = placedOrderSchema.parse(placed?.output);
    expect(wasReplayed).toBe(false);
    const items = await db.orderItem.findMany({ where: { orderId: order.id } });
    expect(items.map((i) => [i.sku, i.quantity])).toEqual([[FIXTURE.trail, 1]]);

    await waitForAssistantMessages(db, conversationId, 1);
    const log = await db.toolCallLog.findFirstOrThrow({ where: { conversationId } });
    expect(log).toMatchObject({ state: 'succeeded', step: 0, model: 'openai:gpt-test' });
    expect(log.durationMs).toBeGreaterThanOrEqual(0);
    // Still one assistant message: the confirmation continued it.
    expect(await db.chatMessage.count({ where: { conversationId, role: 'assistant' } })).toBe(1);

    const replayed = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      messages: approvalMessages(approvalId, true),
    });
    expect(replayed.status).toBe(409);
    expect(await ordersOfCustomer()).toBe(before + 1);
  });

  it('places one order when the same approval arrives twice at once', async () => {
    const { fake } = chat();
    const conversationId = newConversationId();
    const before = await ordersOfCustomer();
    const approvalId = approvalIdOf(await askToOrder(conversationId, FIXTURE.customer));
    await waitForAssistantMessages(chat().db, conversationId, 1);
    fake?.reply({ text: 'Placed.' }, { text: 'Placed.' });

    const replies = await Promise.all([
      chat().send({ conversationId, customer: FIXTURE.customer, messages: approvalMessages(approvalId, true) }),
      chat().send({ conversationId, customer: FIXTURE.customer, messages: approvalMessages(approvalId, true) }),
    ]);

    expect(replies.some((r) => r.status === 200)).toBe(true);
    expect(await ordersOfCustomer()).toBe(before + 1);
    while ((fake?.pending() ?? 0) > 0) await chat().send({ conversationId: newConversationId(), text: 'drain' });
  });

  it('places nothing when the shopper declines, and logs the call as denied', async () => {
    const { fake, db } = chat();
    const conversationId = newConversationId();
    const before = await ordersOfCustomer();
    const approvalId = approvalIdOf(await askToOrder(conversationId, FIXTURE.customer));
    await waitForAssistantMessages(db, conversationId, 1);
    fake?.reply({ text: 'No problem, nothing was ordered.' });

    const declined = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      messages: approvalMessages(approvalId, false),
    });

    expect(declined.status).toBe(200);
    expect(declined.text).toBe('No problem, nothing was ordered.');
    expect(await ordersOfCustomer()).toBe(before);
    await waitForAssistantMessages(db, conversationId, 1);
    expect(await db.toolCallLog.findFirstOrThrow({ where: { conversationId } })).toMatchObject({ state: 'denied' });
  });

  it('refuses a confirmation for an approval that was never requested', async () => {
    const conversationId = newConversationId();
    await askToOrder(conversationId, FIXTURE.customer);
    await waitForAssistantMessages(chat().db, conversationId, 1);
    const before = await ordersOfCustomer();

    const forged = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      messages: approvalMessages('approval-made-up', true),
    });

    expect(forged.status).toBe(409);
    expect(await ordersOfCustomer()).toBe(before);
  });

  it('never lets an anonymous shopper place an order', async () => {
    const orders = await chat().db.order.count();

    const conversationId = newConversationId();
    const reply = await askToOrder(conversationId, undefined, 'Please sign in on the shop website to order.');

    // Refused automatically: nothing waits for a confirmation the shopper could give.
    const request = reply.chunks.find((c) => c.type === 'tool-approval-request');
    expect(request?.isAutomatic).toBe(true);
    expect(reply.chunks.some((c) => c.type === 'tool-output-denied')).toBe(true);
    expect(reply.text).toBe('Please sign in on the shop website to order.');
    expect(await chat().db.order.count()).toBe(orders);
    await waitForAssistantMessages(chat().db, conversationId, 1);
    expect(await chat().db.toolCallLog.findFirstOrThrow({ where: { conversationId } })).toMatchObject({ state: 'denied' });
  });
});

describe.each(testDatabaseKinds())('POST /api/chat hand-off to a person (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('moves the conversation to the staff queue, after which the bot stays silent', async () => {
    const { fake, db } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'handOffToHuman', arguments: { reason: 'Shopper asked for a person' } }] },
      { text: '已为您转接人工客服。' },
    );
    const conversationId = newConversationId();

    const first = await chat().send({ conversationId, customer: FIXTURE.customer, text: '转人工' });
    expect(first.text).toBe('已为您转接人工客服。');
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('waiting_human');

    const requestsBefore = fake?.requests.length;
    const second = await chat().send({ conversationId, customer: FIXTURE.customer, text: 'hello? anyone?' });

    expect(second.status).toBe(200);
    expect(second.text).toBe('');
    expect(second.chunks).toContainEqual({ type: 'data-status', data: { status: 'waiting_human' }, transient: true });
    expect(fake?.requests.length).toBe(requestsBefore);
    const messages = await db.chatMessage.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });
});

describe.each(testDatabaseKinds())('POST /api/chat when the shopper moves on without confirming (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('drops the unanswered confirmation from the model history and places nothing', async () => {
    const { fake, db } = chat();
    const conversationId = newConversationId();
    const before = await db.order.count();
    fake?.reply({
      toolCalls: [{ name: 'placeOrder', arguments: { items: [{ sku: FIXTURE.trail, quantity: 1 }] }, id: 'call_abandoned' }],
    });
    await chat().send({ conversationId, customer: FIXTURE.customer, text: 'order one Trail Running Shoe' });
    await waitForAssistantMessages(db, conversationId, 1);
    fake?.reply({ text: 'Sure, nothing ordered. What else?' });

    const reply = await chat().send({ conversationId, customer: FIXTURE.customer, text: 'actually, never mind' });

    expect(reply.status).toBe(200);
    expect(reply.text).toBe('Sure, nothing ordered. What else?');
    expect(JSON.stringify(fake?.requests.at(-1)?.body.messages)).not.toContain('call_abandoned');
    expect(await db.order.count()).toBe(before);
  });
});
