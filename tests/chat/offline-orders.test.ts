import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ChatReply, newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

const approvalRequestSchema = z.object({ approvalId: z.string(), toolCallId: z.string() });
const placedSchema = z.object({ order: z.object({ id: z.string() }), replayed: z.boolean() });

function approvalRequestOf(reply: ChatReply): z.infer<typeof approvalRequestSchema> {
  return approvalRequestSchema.parse(reply.chunks.find((chunk) => chunk.type === 'tool-approval-request'));
}

describe.each(testDatabaseKinds())('the built-in engine ordering twice in one conversation (%s)', (kind) => {
  const chat = useChatHarness(kind, { provider: false });

  async function orderOnce(conversationId: string): Promise<string> {
    const asked = await chat().send({ conversationId, customer: FIXTURE.customer, text: `I'll take 1 of ${FIXTURE.trail}` });
    const { approvalId, toolCallId } = approvalRequestOf(asked);
    await waitForAssistantMessages(chat().db, conversationId, 1);
    const approved = await chat().send({
      conversationId,
      customer: FIXTURE.customer,
      messages: [
        {
          id: 'assistant',
          role: 'assistant',
          parts: [
            { type: 'tool-placeOrder', toolCallId, state: 'approval-responded', approval: { id: approvalId, approved: true } },
          ],
        },
      ],
    });
    expect(approved.status).toBe(200);
    const output = approved.chunks.find((chunk) => chunk.type === 'tool-output-available');
    const placed = placedSchema.parse(output?.output);
    expect(placed.replayed).toBe(false);
    return placed.order.id;
  }

  it('places two orders with two different tool call ids, and logs both calls', async () => {
    const { db } = chat();
    const conversationId = newConversationId();
    const first = await orderOnce(conversationId);
    const second = await orderOnce(conversationId);
    expect(second).not.toBe(first);
    const calls = await db.toolCallLog.findMany({ where: { conversationId, toolName: 'placeOrder' } });
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(2);
  });
});
