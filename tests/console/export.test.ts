import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '@/lib/auth/staff-accounts';
import { createStaffRuntime, type StaffRuntime } from '@/lib/auth/staff-runtime';
import { newMessageId } from '@/lib/chat/transcript';
import { NO_FILTERS } from '@/lib/console/conversation-list';
import {
  type ConversationExport,
  conversationCsv,
  handleConversationCsvExport,
  handleConversationJsonExport,
} from '@/lib/console/export';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE, seedCommerceFixture } from '../support/commerce-fixture';
import { parseCsv } from '../support/csv';
import { sessionFor, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';
import { addConversation, consoleGet } from './list-fixture';

describe.each(testDatabaseKinds())('the CSV export (%s)', (kind) => {
  const staff = useStaffHarness(kind);
  let adminSession = '';
  let agentSession = '';

  beforeAll(async () => {
    const { db, runtime, addStaff } = staff();
    await seedCommerceFixture(db);
    adminSession = await sessionFor(runtime, (await addStaff({ role: 'admin' })).user);
    agentSession = await sessionFor(runtime, (await addStaff({ role: 'agent' })).user);
    await db.customer.createMany({
      data: [
        { id: 'C-EVIL', name: '=HYPERLINK("http://evil.example","click")' },
        { id: 'C-COMMA', name: 'Wu, "Tiger"' },
      ],
    });
    await addConversation(db, {
      id: 'export-formula-0000',
      status: 'closed',
      customerId: 'C-EVIL',
      lastMessageAt: new Date('2026-05-31T10:00:00Z'),
      createdAt: new Date('2026-05-31T09:50:00Z'),
      messages: [{ role: 'user', text: 'hi' }],
      toolsUsed: ['getOrder', 'trackShipment'],
      usedFallback: true,
      handoffRequestedAt: new Date('2026-05-31T09:55:00Z'),
      rating: 4,
    });
    await addConversation(db, {
      id: 'export-comma-000000',
      status: 'closed',
      customerId: 'C-COMMA',
      lastMessageAt: new Date('2026-05-30T10:00:00Z'),
      messages: [{ role: 'user', text: 'hello' }],
    });
    await addConversation(db, {
      id: 'export-chinese-0000',
      status: 'closed',
      customerId: FIXTURE.customer,
      lastMessageAt: new Date('2026-05-29T10:00:00Z'),
      messages: [{ role: 'user', text: '你好' }],
    });
    await addConversation(db, {
      id: 'export-anonymous-00',
      status: 'bot',
      lastMessageAt: new Date('2026-05-28T10:00:00Z'),
      messages: [{ role: 'user', text: 'anyone?' }],
    });
  });

  const exportCsv = (query: string, session: string | null) =>
    handleConversationCsvExport(consoleGet(`/api/console/conversations/export?${query}`, session), staff().runtime);

  it('is for administrators: 401 without a session, 403 for an agent', async () => {
    expect((await exportCsv('', null)).status).toBe(401);
    const agent = await exportCsv('', agentSession);
    expect(agent.status).toBe(403);
    expect(await agent.json()).toEqual({ error: { code: 'forbidden', message: 'Only an administrator can do this.' } });
  });

  it('downloads the filtered conversations as UTF-8 CSV with a BOM, quoted and with formulas made text', async () => {
    const response = await exportCsv('status=closed', adminSession);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // The harness's clock says 1 June 2026.
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="conversations-2026-06-01.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(parseCsv(text)).toEqual([
      ['id', 'customer', 'started', 'last activity', 'status', 'messages', 'tools used', 'fallback used', 'handoff', 'rating'],
      [
        'export-formula-0000',
        `'=HYPERLINK("http://evil.example","click") (C-EVIL)`,
        '2026-05-31T09:50:00.000Z',
        '2026-05-31T10:00:00.000Z',
        'closed',
        '1',
        'getOrder; trackShipment',
        'yes',
        '2026-05-31T09:55:00.000Z',
        '4',
      ],
      [
        'export-comma-000000',
        'Wu, "Tiger" (C-COMMA)',
        '2026-05-30T09:59:00.000Z',
        '2026-05-30T10:00:00.000Z',
        'closed',
        '1',
        '',
        'no',
        '',
        '',
      ],
      [
        'export-chinese-0000',
        '张伟 (C-1001)',
        '2026-05-29T09:59:00.000Z',
        '2026-05-29T10:00:00.000Z',
        'closed',
        '1',
        '',
        'no',
        '',
        '',
      ],
    ]);
    expect(text).toContain('"Wu, ""Tiger"" (C-COMMA)"');
  });

  it('takes the list’s filters (400 for a bad one) but never a page of them', async () => {
    // Response.text() decodes as UTF-8 and drops the BOM.
    const anonymous = parseCsv(await (await exportCsv('shopper=anonymous', adminSession)).text());
    expect(anonymous.map((record) => record[0])).toEqual(['id', 'export-anonymous-00']);
    expect((await exportCsv('status=open', adminSession)).status).toBe(400);
    const paged = await exportCsv('limit=1', adminSession);
    expect(paged.status).toBe(400);
    expect((await paged.json()).error.message).toBe('The export has every page: give the filters only, without cursor or limit.');
  });

  it('reads the conversations a batch at a time, every one exactly once', async () => {
    const chunks: string[] = [];
    for await (const chunk of conversationCsv(staff().db, NO_FILTERS, 3)) chunks.push(chunk);
    // BOM + header, then batches of 3, 1.
    expect(chunks).toHaveLength(3);
    const ids = parseCsv(chunks.join('').slice(1)).map((record) => record[0]);
    expect(ids).toEqual(['id', 'export-formula-0000', 'export-comma-000000', 'export-chinese-0000', 'export-anonymous-00']);
  });
});

describe.each(testDatabaseKinds())('the JSON export of one conversation (%s)', (kind) => {
  const chat = useChatHarness(kind);
  let runtime: StaffRuntime;
  let agentSession = '';
  const conversationId = newConversationId();

  beforeAll(async () => {
    const { db } = chat();
    runtime = createStaffRuntime({ prisma: db }, {}, () => FIXTURE.now);
    const agent = await createStaffUser(db, {
      email: 'li.na@shop.example',
      name: 'Li Na',
      role: 'agent',
      password: 'correct horse battery',
    });
    agentSession = await sessionFor(runtime, agent);
    chat().fake?.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] },
      { text: 'We have 28 pairs.' },
    );
    await chat().send({ conversationId, customer: FIXTURE.customer, text: '限量球鞋还有货吗' });
    await waitForAssistantMessages(db, conversationId, 1);
    await db.chatMessage.create({
      data: {
        id: newMessageId(),
        conversationId,
        seq: 2,
        role: 'agent',
        staffUserId: agent.id,
        parts: [{ type: 'text', text: 'Li Na here: they ship today.' }],
        text: 'Li Na here: they ship today.',
      },
    });
    await db.conversationNote.create({ data: { conversationId, staffUserId: agent.id, body: 'VIP, answer fast' } });
  });

  const exportJson = (id: string, session: string | null) =>
    handleConversationJsonExport(consoleGet(`/api/console/conversations/${id}/export`, session), runtime, id);

  it('gives any member of staff the whole transcript as a JSON download', async () => {
    const response = await exportJson(conversationId, agentSession);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="conversation-${conversationId}.json"`);
    const body = (await response.json()) as ConversationExport;
    expect(body.exportedAt).toBe(FIXTURE.now.toISOString());
    expect(body.conversation).toMatchObject({
      id: conversationId,
      status: 'bot',
      customer: { kind: 'customer', id: FIXTURE.customer, name: '张伟', memberLevelName: '黄金会员' },
      messageCount: 2,
      toolsUsed: ['checkInventory'],
      hadError: false,
      labels: [],
    });
    expect(body.messages.map((message) => [message.role, message.text])).toEqual([
      ['user', ['限量球鞋还有货吗']],
      ['assistant', ['We have 28 pairs.']],
      ['agent', ['Li Na here: they ship today.']],
    ]);
    const [question, answer, agentMessage] = body.messages;
    expect(question?.toolParts).toEqual([]);
    expect(answer).toMatchObject({ model: 'openai:gpt-test', usedFallback: false, error: null, agentName: null });
    expect(answer?.durationMs).toEqual(expect.any(Number));
    expect(answer?.toolParts).toEqual([
      expect.objectContaining({ type: 'tool-checkInventory', state: 'output-available', input: { sku: FIXTURE.sneaker } }),
    ]);
    expect(agentMessage?.agentName).toBe('Li Na');
    expect(body.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'checkInventory', state: 'succeeded', input: { sku: FIXTURE.sneaker }, error: null }),
    ]);
    expect(body.toolCalls[0]?.output).toBeTruthy();
    expect(body.notes).toEqual([{ body: 'VIP, answer fast', authorName: 'Li Na', createdAt: expect.any(String) }]);
  });

  it('answers 401 without a session and 404 for an unknown or malformed id', async () => {
    expect((await exportJson(conversationId, null)).status).toBe(401);
    expect((await exportJson('nobodyHasThisConversation', agentSession)).status).toBe(404);
    expect((await exportJson('../../etc/passwd', agentSession)).status).toBe(404);
  });
});
