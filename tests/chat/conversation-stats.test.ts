import { describe, expect, it } from 'vitest';
import { loadTranscript, newMessageId } from '@/lib/chat/transcript';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

const VISITOR = 'statsVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe.each(testDatabaseKinds())('what a saved turn leaves for the console (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('keeps the message count, the tools used and each message’s plain text on the rows', async () => {
    const { db } = chat();
    const conversationId = newConversationId();
    chat().fake?.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] },
      { text: 'We have 28 pairs.' },
    );
    await chat().send({ conversationId, visitor: VISITOR, text: '限量球鞋 还有货吗' });
    await waitForAssistantMessages(db, conversationId, 1);

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation.messageCount).toBe(2);
    expect(conversation.toolsUsed).toContain('checkInventory');
    expect(conversation.hadError).toBe(false);
    const texts = await db.chatMessage.findMany({ where: { conversationId }, orderBy: { seq: 'asc' }, select: { text: true } });
    expect(texts[0]?.text).toBe('限量球鞋 还有货吗');
    expect(texts[1]?.text).not.toBe('');
  });

  it('shows a staff member’s message to the shopper as the shop’s, with their name', async () => {
    const { db } = chat();
    const conversationId = newConversationId();
    chat().fake?.reply({ text: 'Hello!' });
    await chat().send({ conversationId, visitor: VISITOR, text: 'hello' });
    await waitForAssistantMessages(db, conversationId, 1);
    const staff = await db.staffUser.create({
      data: { email: `agent-${conversationId.toLowerCase()}@shop.test`, name: 'Li Na', role: 'agent', passwordHash: 'x' },
    });
    await db.chatMessage.create({
      data: {
        id: newMessageId(),
        conversationId,
        seq: 2,
        role: 'agent',
        staffUserId: staff.id,
        parts: [{ type: 'text', text: 'Hi, Li Na here.' }],
        text: 'Hi, Li Na here.',
      },
    });
    const last = (await loadTranscript(db, conversationId)).at(-1);
    expect(last).toMatchObject({ role: 'assistant', metadata: { agentName: 'Li Na' } });
    expect(last?.parts).toEqual([{ type: 'text', text: 'Hi, Li Na here.' }]);
  });
});
