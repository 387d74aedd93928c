import { beforeAll, describe, expect, it } from 'vitest';
import { type ConversationListBody, handleConversationList } from '@/lib/console/conversation-list';
import { FIXTURE, seedCommerceFixture } from '../support/commerce-fixture';
import { sessionFor, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';
import { addConversation, consoleGet } from './list-fixture';

// The fixture store's time zone is Asia/Shanghai (+08:00): a day filter means a day there.
const REFUND_ZH = 'refund-zh-000000000';
const REFUND_EN = 'refund-en-000000000';
const STOCK = 'stock-en-0000000000';
const ERROR = 'error-zh-0000000000';
const CLOSED = 'closed-en-000000000';
const NEWEST_FIRST = [REFUND_ZH, REFUND_EN, STOCK, ERROR, CLOSED];
const PAGED_LABEL = 'paged';

describe.each(testDatabaseKinds())('the console conversation list (%s)', (kind) => {
  const staff = useStaffHarness(kind);
  let agentSession = '';
  let agentName = '';

  beforeAll(async () => {
    const { db, runtime, addStaff } = staff();
    await seedCommerceFixture(db);
    const { user: agent } = await addStaff({ role: 'agent', name: 'Chen Jing' });
    agentSession = await sessionFor(runtime, agent);
    agentName = agent.name;
    await addConversation(db, {
      id: REFUND_ZH,
      status: 'waiting_human',
      customerId: FIXTURE.customer,
      lastMessageAt: new Date('2026-05-31T23:30:00+08:00'),
      messages: [
        { role: 'user', text: '我想申请退款，订单 ORD-20241115-00001 的鞋子太小了' },
        { role: 'assistant', text: '好的，我已为您转接人工客服。' },
      ],
      toolsUsed: ['getOrder', 'handOffToHuman'],
      handoffRequestedAt: new Date('2026-05-31T23:30:00+08:00'),
      labels: ['refund'],
    });
    await addConversation(db, {
      id: REFUND_EN,
      status: 'human',
      lastMessageAt: new Date('2026-05-30T10:00:00Z'),
      messages: [
        { role: 'user', text: 'I would like a REFUND for my rain jacket' },
        { role: 'agent', text: 'Sure, I can help with that.' },
      ],
      labels: ['refund', 'vip'],
      rating: 5,
      assignedStaffId: agent.id,
    });
    await addConversation(db, {
      id: STOCK,
      customerId: FIXTURE.otherCustomer,
      lastMessageAt: new Date('2026-05-29T08:00:00Z'),
      messages: [
        { role: 'user', text: 'Is the Limited Retro Sneaker in stock?' },
        { role: 'assistant', text: 'Yes: 23 pairs in 华东仓.' },
      ],
      toolsUsed: ['checkInventory', 'searchProducts'],
      rating: 4,
    });
    await addConversation(db, {
      id: ERROR,
      lastMessageAt: new Date('2026-05-28T08:00:00Z'),
      // The answer had tool parts only: the snippet shows the last message with text.
      messages: [
        { role: 'user', text: '限量球鞋多少钱' },
        { role: 'assistant', text: '' },
      ],
      toolsUsed: ['quotePrice'],
      hadError: true,
      usedFallback: true,
      rating: 2,
    });
    await addConversation(db, {
      id: CLOSED,
      status: 'closed',
      customerId: FIXTURE.plainCustomer,
      lastMessageAt: new Date('2026-05-20T08:00:00Z'),
      messages: [
        { role: 'user', text: 'Thanks, 100% happy_with it' },
        { role: 'assistant', text: 'Glad to help!' },
      ],
      rating: 1,
    });
    // For paging: 23 older conversations, several sharing a timestamp (ties are broken by id).
    for (let i = 0; i < 23; i++) {
      await addConversation(db, {
        id: `paged-${String(i).padStart(2, '0')}-0000000000`,
        lastMessageAt: new Date(Date.UTC(2026, 3, 1 + Math.floor(i / 3))),
        messages: [{ role: 'user', text: `question ${i}` }],
        labels: [PAGED_LABEL],
      });
    }
  });

  async function list(query: string, session: string | null = agentSession): Promise<Response> {
    return handleConversationList(consoleGet(`/api/console/conversations?${query}`, session), staff().runtime);
  }

  async function body(query: string): Promise<ConversationListBody> {
    const response = await list(query);
    expect(response.status).toBe(200);
    return (await response.json()) as ConversationListBody;
  }

  /** The ids a query finds among the five hand-written conversations, newest first. */
  async function ids(query: string): Promise<string[]> {
    const found = (await body(query)).conversations.map((conversation) => conversation.id);
    return found.filter((id) => NEWEST_FIRST.includes(id));
  }

  it('refuses a browser without a session (401) and answers an agent', async () => {
    const anonymous = await list('', null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: 'unauthorized', message: 'Sign in to the staff console first.' },
    });
    const answer = await list('');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('lists the newest activity first, with who, what and a snippet of the last message, and the waiting count', async () => {
    const { conversations, waitingCount } = await body('');
    expect(waitingCount).toBe(1);
    expect(conversations.map((c) => c.id).slice(0, 5)).toEqual(NEWEST_FIRST);
    expect(conversations[0]).toEqual({
      id: REFUND_ZH,
      status: 'waiting_human',
      customer: { kind: 'customer', id: FIXTURE.customer, name: '张伟', memberLevelName: '黄金会员' },
      createdAt: '2026-05-31T15:29:00.000Z',
      lastMessageAt: '2026-05-31T15:30:00.000Z',
      messageCount: 2,
      toolsUsed: ['getOrder', 'handOffToHuman'],
      hadError: false,
      usedFallback: false,
      handoffRequestedAt: '2026-05-31T15:30:00.000Z',
      rating: null,
      labels: ['refund'],
      assignedStaffName: null,
      snippet: '好的，我已为您转接人工客服。',
    });
    const byId = new Map(conversations.map((c) => [c.id, c]));
    expect(byId.get(REFUND_EN)).toMatchObject({ customer: { kind: 'anonymous' }, assignedStaffName: agentName, rating: 5 });
    expect(byId.get(CLOSED)?.customer).toEqual({
      kind: 'customer',
      id: FIXTURE.plainCustomer,
      name: 'Wang Fang',
      memberLevelName: null,
    });
    expect(byId.get(ERROR)?.snippet).toBe('限量球鞋多少钱');
  });

  it('filters by status (several at once), shopper, customer, rating, tools, error, fallback and labels', async () => {
    expect(await ids('status=waiting_human&status=human')).toEqual([REFUND_ZH, REFUND_EN]);
    expect(await ids('status=closed')).toEqual([CLOSED]);
    expect(await ids('shopper=signed_in')).toEqual([REFUND_ZH, STOCK, CLOSED]);
    expect(await ids('shopper=anonymous')).toEqual([REFUND_EN, ERROR]);
    expect(await ids(`customerId=${FIXTURE.otherCustomer}`)).toEqual([STOCK]);
    expect(await ids('rating=5')).toEqual([REFUND_EN]);
    expect(await ids('minRating=4')).toEqual([REFUND_EN, STOCK]);
    expect(await ids('tool=checkInventory')).toEqual([STOCK]);
    expect(await ids('tool=getOrder&tool=handOffToHuman')).toEqual([REFUND_ZH]);
    expect(await ids('tool=getOrder&tool=checkInventory')).toEqual([]);
    expect(await ids('hadError=true')).toEqual([ERROR]);
    expect(await ids('hadError=false')).toEqual([REFUND_ZH, REFUND_EN, STOCK, CLOSED]);
    expect(await ids('usedFallback=true')).toEqual([ERROR]);
    expect(await ids('label=refund')).toEqual([REFUND_ZH, REFUND_EN]);
    expect(await ids('label=refund&label=vip')).toEqual([REFUND_EN]);
    expect(await ids('label=refund&status=human&shopper=anonymous')).toEqual([REFUND_EN]);
  });

  it('filters by the day of last activity in the store’s time zone, or by exact instants (inclusive)', async () => {
    // REFUND_ZH's last message was at 23:30 on 31 May in Shanghai (15:30 UTC).
    expect(await ids('from=2026-05-31')).toEqual([REFUND_ZH]);
    expect(await ids('to=2026-05-31')).toEqual(NEWEST_FIRST);
    expect(await ids('from=2026-05-29&to=2026-05-30')).toEqual([REFUND_EN, STOCK]);
    expect(await ids('from=2026-05-31T15:30:00Z')).toEqual([REFUND_ZH]);
    expect(await ids('from=2026-05-31T23:31:00%2B08:00')).toEqual([]);
    expect(await ids('to=2026-05-28T08:00:00Z')).toEqual([ERROR, CLOSED]);
  });

  it('finds conversations by a word in any message, Chinese or English, any case, with the match as snippet', async () => {
    const chinese = await body('q=退款');
    expect(chinese.conversations.map((c) => c.id)).toEqual([REFUND_ZH]);
    expect(chinese.conversations[0]?.snippet).toBe('我想申请退款，订单 ORD-20241115-00001 的鞋子太小了');
    expect(await ids('q=华东仓')).toEqual([STOCK]);
    const english = await body('q=refund');
    expect(english.conversations.map((c) => c.id)).toEqual([REFUND_EN]);
    expect(english.conversations[0]?.snippet).toBe('I would like a REFUND for my rain jacket');
    expect(await ids('q=SNEAKER')).toEqual([STOCK]);
    expect(await ids('q=refund&status=bot')).toEqual([]);
    expect(await ids('q=refund&status=human')).toEqual([REFUND_EN]);
    expect(await ids('q=nothing like this anywhere')).toEqual([]);
  });

  it('matches %, _ and \\ literally in a search', async () => {
    expect(await ids('q=100%25')).toEqual([CLOSED]);
    expect(await ids('q=%25')).toEqual([CLOSED]);
    expect(await ids('q=_')).toEqual([CLOSED]);
    expect(await ids('q=y_w')).toEqual([CLOSED]);
    expect(await ids('q=%5C')).toEqual([]);
  });

  it('pages with the cursor without duplicates or gaps, ties included, and ends with a null cursor', async () => {
    const all = (await body(`label=${PAGED_LABEL}&limit=200`)).conversations.map((c) => c.id);
    expect(all).toHaveLength(23);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ConversationListBody = await body(`label=${PAGED_LABEL}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(seen).toEqual(all);
    // Exactly a page's worth left: no empty page after it.
    const lastFull = await body(`label=${PAGED_LABEL}&limit=23`);
    expect(lastFull.nextCursor).toBeNull();
  });

  it('answers 400 naming the bad parameter', async () => {
    const response = await list('status=open');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'Invalid filter status: "open" must be one of bot, waiting_human, human, closed.',
      },
    });
    expect((await list('cursor=abc')).status).toBe(400);
  });
});
