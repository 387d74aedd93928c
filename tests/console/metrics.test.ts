import { beforeAll, describe, expect, it } from 'vitest';
import { handleStaffLogin } from '@/lib/auth/staff-api';
import { type DashboardMetrics, dashboardMetrics, handleDashboardMetrics, metricsRange } from '@/lib/console/metrics';
import type { PrismaClient } from '@/lib/db/client';
import { loginRequest, staffCookieSet, staffRequest, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';

type Role = 'user' | 'assistant' | 'agent';
interface FixtureMessage {
  role: Role;
  firstTextMs?: number;
  usedFallback?: boolean;
}
interface FixtureToolCall {
  tool: string;
  state: 'succeeded' | 'failed' | 'invalid' | 'awaiting_approval' | 'denied';
  durationMs: number | null;
}
interface FixtureConversation {
  id: string;
  /** UTC; the comment beside each gives the local date in Asia/Shanghai (UTC+8). */
  createdAt: string;
  handedOff?: boolean;
  assigned?: boolean;
  rating?: number;
  messages: FixtureMessage[];
  toolCalls?: FixtureToolCall[];
}

const SHANGHAI = 'Asia/Shanghai';
/** Four Shanghai days: one with no conversation, and conversations a millisecond outside on both sides. */
const MAY_10_TO_13 = { from: '2026-05-10', to: '2026-05-13', timezone: SHANGHAI };

const CONVERSATIONS: FixtureConversation[] = [
  {
    // Shanghai 2026-05-09 23:59:59.999: the millisecond before the range, so nothing of it counts.
    id: 'metricsBeforeRangeXXXX',
    createdAt: '2026-05-09T15:59:59.999Z',
    handedOff: true,
    rating: 1,
    messages: [{ role: 'user' }, { role: 'assistant', firstTextMs: 9999, usedFallback: true }],
    toolCalls: [{ tool: 'searchProducts', state: 'failed', durationMs: 1000 }],
  },
  {
    // Shanghai 2026-05-10 23:59:59: the bot answered alone.
    id: 'metricsBotOnlyAAAAAAAA',
    createdAt: '2026-05-10T15:59:59.000Z',
    rating: 5,
    messages: [{ role: 'user' }, { role: 'assistant', firstTextMs: 100 }],
    toolCalls: [
      { tool: 'searchProducts', state: 'succeeded', durationMs: 10 },
      { tool: 'checkInventory', state: 'succeeded', durationMs: 20 },
    ],
  },
  {
    // Shanghai 2026-05-11 00:00: asked for a person, a member of staff took it.
    id: 'metricsHandedOffBBBBBB',
    createdAt: '2026-05-10T16:00:00.000Z',
    handedOff: true,
    assigned: true,
    rating: 2,
    messages: [
      { role: 'user' },
      { role: 'assistant', firstTextMs: 200, usedFallback: true },
      { role: 'user' },
      { role: 'agent' },
    ],
    toolCalls: [
      { tool: 'searchProducts', state: 'failed', durationMs: 30 },
      { tool: 'handOffToHuman', state: 'succeeded', durationMs: 5 },
    ],
  },
  {
    // Shanghai 2026-05-11 11:00: staff wrote in it and handed it back (assignment cleared).
    id: 'metricsHandedBackCCCCC',
    createdAt: '2026-05-11T03:00:00.000Z',
    messages: [{ role: 'user' }, { role: 'assistant', firstTextMs: 300 }, { role: 'agent' }],
    toolCalls: [{ tool: 'searchProducts', state: 'invalid', durationMs: null }],
  },
  // Shanghai 2026-05-12: no conversation.
  {
    // Shanghai 2026-05-13 18:00: the bot alone; the second answer failed before any text.
    id: 'metricsFallbackDDDDDDD',
    createdAt: '2026-05-13T10:00:00.000Z',
    rating: 5,
    messages: [
      { role: 'user' },
      { role: 'assistant', firstTextMs: 400, usedFallback: true },
      { role: 'user' },
      { role: 'assistant' },
    ],
    toolCalls: [
      { tool: 'searchProducts', state: 'succeeded', durationMs: 50 },
      { tool: 'placeOrder', state: 'awaiting_approval', durationMs: null },
      { tool: 'placeOrder', state: 'denied', durationMs: null },
    ],
  },
  {
    // Shanghai 2026-05-14 00:00: just after the range.
    id: 'metricsAfterRangeXXXXX',
    createdAt: '2026-05-13T16:00:00.000Z',
    messages: [{ role: 'user' }, { role: 'assistant', firstTextMs: 5000 }],
    toolCalls: [{ tool: 'trackShipment', state: 'succeeded', durationMs: 70 }],
  },
  // Around New York's change to summer time (2026-03-08 is 23 hours long there).
  {
    // New York 2026-03-08 23:59 EDT (UTC−4); UTC−5 would make it 22:59 the same day.
    id: 'metricsNewYorkLateXXXX',
    createdAt: '2026-03-09T03:59:00.000Z',
    messages: [{ role: 'user' }],
  },
  {
    // New York 2026-03-09 00:30 EDT; UTC−5 would put it on 2026-03-08 23:30.
    id: 'metricsNewYorkEarlyXXX',
    createdAt: '2026-03-09T04:30:00.000Z',
    messages: [{ role: 'user' }],
  },
];

async function insertFixture(db: PrismaClient, staffUserId: string): Promise<void> {
  await db.storeSettings.create({ data: { id: 1, name: 'Metrics shop', currency: 'CNY', locale: 'zh-CN', timezone: SHANGHAI } });
  for (const conversation of CONVERSATIONS) {
    const createdAt = new Date(conversation.createdAt);
    const messageId = (seq: number) => `${conversation.id}-m${seq}`;
    await db.conversation.create({
      data: {
        id: conversation.id,
        createdAt,
        lastMessageAt: createdAt,
        handoffRequestedAt: conversation.handedOff ? createdAt : null,
        assignedStaffId: conversation.assigned ? staffUserId : null,
        status: conversation.assigned ? 'human' : 'bot',
        rating: conversation.rating ?? null,
        messageCount: conversation.messages.length,
      },
    });
    await db.chatMessage.createMany({
      data: conversation.messages.map((message, seq) => ({
        id: messageId(seq),
        conversationId: conversation.id,
        seq,
        role: message.role,
        parts: [],
        createdAt,
        firstTextMs: message.firstTextMs ?? null,
        usedFallback: message.usedFallback ?? false,
        staffUserId: message.role === 'agent' ? staffUserId : null,
      })),
    });
    await db.toolCallLog.createMany({
      data: (conversation.toolCalls ?? []).map((call, index) => ({
        conversationId: conversation.id,
        messageId: messageId(1),
        toolCallId: `call-${index}`,
        toolName: call.tool,
        step: 0,
        model: 'offline',
        state: call.state,
        durationMs: call.durationMs,
        createdAt,
      })),
    });
  }
}

describe('the date range a dashboard request asks for', () => {
  const today = '2026-06-01';

  it('defaults to the last 14 days up to today, and counts back 13 days from a given end', () => {
    expect(metricsRange({}, today)).toEqual({ from: '2026-05-19', to: '2026-06-01' });
    expect(metricsRange({ from: '', to: '' }, today)).toEqual({ from: '2026-05-19', to: '2026-06-01' });
    expect(metricsRange({ to: '2026-03-05' }, today)).toEqual({ from: '2026-02-20', to: '2026-03-05' });
    expect(metricsRange({ from: '2026-05-30' }, today)).toEqual({ from: '2026-05-30', to: '2026-06-01' });
    expect(metricsRange({ from: '2026-05-01', to: '2026-05-01' }, today)).toEqual({ from: '2026-05-01', to: '2026-05-01' });
  });

  it('allows 366 days, leap days included, and refuses more', () => {
    expect(metricsRange({ from: '2023-03-01', to: '2024-02-29' }, today)).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(() => metricsRange({ from: '2023-02-28', to: '2024-02-29' }, today)).toThrow(
      'Invalid date range: at most 366 days at a time (this one has 367).',
    );
  });

  it('refuses dates that are not calendar days, and a start after the end', () => {
    expect(() => metricsRange({ from: '2026-02-30' }, today)).toThrow(
      'Invalid date range: from must be a date written as YYYY-MM-DD.',
    );
    expect(() => metricsRange({ to: '1 June' }, today)).toThrow('Invalid date range: to must be a date written as YYYY-MM-DD.');
    expect(() => metricsRange({ from: ['2026-05-01', '2026-05-02'] }, today)).toThrow(/from must be a date/);
    expect(() => metricsRange({ from: '2026-05-02', to: '2026-05-01' }, today)).toThrow(
      'Invalid date range: from (2026-05-02) is after to (2026-05-01).',
    );
    expect(() => metricsRange({ from: '2026-06-02' }, today)).toThrow(/from \(2026-06-02\) is after to \(2026-06-01\)/);
  });
});

describe.each(testDatabaseKinds())('dashboard metrics (%s)', (kind) => {
  const staff = useStaffHarness(kind);
  let agentToken = '';

  beforeAll(async () => {
    const { db, runtime, addStaff } = staff();
    const { user, password } = await addStaff({ role: 'agent' });
    await insertFixture(db, user.id);
    const login = await handleStaffLogin(loginRequest(user.email, password), runtime);
    agentToken = staffCookieSet(login)?.value ?? '';
    expect(agentToken).not.toBe('');
  });

  it('counts the conversations started in the range in the store’s time zone, day by day with empty days as zero', async () => {
    const metrics = await dashboardMetrics(staff().db, MAY_10_TO_13);
    expect(metrics.range).toEqual({ from: '2026-05-10', to: '2026-05-13', timezone: SHANGHAI, days: 4 });
    expect(metrics.perDay).toEqual([
      { day: '2026-05-10', conversations: 1, handedOff: 0 },
      { day: '2026-05-11', conversations: 2, handedOff: 1 },
      { day: '2026-05-12', conversations: 0, handedOff: 0 },
      { day: '2026-05-13', conversations: 1, handedOff: 0 },
    ]);
    expect(metrics.totals).toEqual({ conversations: 4, messages: 13, assistantMessages: 5, toolCalls: 8 });
  });

  it('shares: resolved without a human (no hand-off, no assignment, no staff message), hand-offs, fallback answers, CSAT', async () => {
    const metrics = await dashboardMetrics(staff().db, MAY_10_TO_13);
    expect(metrics.resolvedWithoutHuman).toEqual({ conversations: 2, share: 0.5 });
    expect(metrics.handoff).toEqual({ conversations: 1, rate: 0.25 });
    expect(metrics.fallback).toEqual({ messages: 2, share: 0.4 });
    expect(metrics.csat).toEqual({ ratings: 3, average: 4 });
  });

  it('time to first text: p50 and p95 (interpolated) of the assistant turns that streamed text', async () => {
    const { timeToFirstTextMs } = await dashboardMetrics(staff().db, MAY_10_TO_13);
    // 100, 200, 300, 400: p50 halfway between 200 and 300; p95 at position 2.85 → 300 + 0.85 × 100.
    expect(timeToFirstTextMs.measured).toBe(4);
    expect(timeToFirstTextMs.p50).toBe(250);
    expect(timeToFirstTextMs.p95).toBeCloseTo(385, 9);
  });

  it('per tool: calls, failed or invalid calls, error rate and the durations of the calls that ran', async () => {
    const { tools } = await dashboardMetrics(staff().db, MAY_10_TO_13);
    expect(tools.map(({ tool, calls, failed, errorRate }) => ({ tool, calls, failed, errorRate }))).toEqual([
      { tool: 'searchProducts', calls: 4, failed: 2, errorRate: 0.5 },
      { tool: 'placeOrder', calls: 2, failed: 0, errorRate: 0 },
      { tool: 'checkInventory', calls: 1, failed: 0, errorRate: 0 },
      { tool: 'handOffToHuman', calls: 1, failed: 0, errorRate: 0 },
    ]);
    const search = tools[0]?.durationMs;
    // 10, 30, 50 (the invalid call never ran): p95 at position 1.9 → 30 + 0.9 × 20.
    expect(search?.p50).toBe(30);
    expect(search?.p95).toBeCloseTo(48, 9);
    expect(tools[1]?.durationMs).toEqual({ p50: null, p95: null });
    expect(tools[2]?.durationMs).toEqual({ p50: 20, p95: 20 });
  });

  it('puts each conversation on its local day: UTC moves the Shanghai midnight one, New York’s summer time another', async () => {
    const utc = await dashboardMetrics(staff().db, { from: '2026-05-10', to: '2026-05-10', timezone: 'UTC' });
    expect(utc.perDay).toEqual([{ day: '2026-05-10', conversations: 2, handedOff: 1 }]);
    const newYork = await dashboardMetrics(staff().db, { from: '2026-03-07', to: '2026-03-09', timezone: 'America/New_York' });
    expect(newYork.perDay.map((day) => day.conversations)).toEqual([0, 1, 1]);
  });

  it('answers an empty range with zeros and no shares rather than divisions by zero', async () => {
    const metrics = await dashboardMetrics(staff().db, { from: '2026-01-01', to: '2026-01-03', timezone: SHANGHAI });
    const empty: DashboardMetrics = {
      range: { from: '2026-01-01', to: '2026-01-03', timezone: SHANGHAI, days: 3 },
      totals: { conversations: 0, messages: 0, assistantMessages: 0, toolCalls: 0 },
      resolvedWithoutHuman: { conversations: 0, share: null },
      handoff: { conversations: 0, rate: null },
      fallback: { messages: 0, share: null },
      csat: { ratings: 0, average: null },
      timeToFirstTextMs: { measured: 0, p50: null, p95: null },
      perDay: ['2026-01-01', '2026-01-02', '2026-01-03'].map((day) => ({ day, conversations: 0, handedOff: 0 })),
      tools: [],
    };
    expect(metrics).toEqual(empty);
  });

  describe('GET /api/console/metrics', () => {
    const get = (query: string, session: string | null) =>
      handleDashboardMetrics(staffRequest(`/api/console/metrics${query}`, { method: 'GET', session }), staff().runtime);

    it('answers any signed-in member of staff with the numbers, not cached', async () => {
      const response = await get('?from=2026-05-10&to=2026-05-13', agentToken);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = (await response.json()) as DashboardMetrics;
      expect(body.range).toEqual({ from: '2026-05-10', to: '2026-05-13', timezone: SHANGHAI, days: 4 });
      expect(body.totals.conversations).toBe(4);
      expect(body.tools[0]).toMatchObject({ tool: 'searchProducts', calls: 4, errorRate: 0.5 });
    });

    it('defaults to the 14 days up to today in the store’s time zone', async () => {
      // The harness clock: 2026-06-01 09:00 UTC, 17:00 in Shanghai.
      const body = (await (await get('', agentToken)).json()) as DashboardMetrics;
      expect(body.range).toEqual({ from: '2026-05-19', to: '2026-06-01', timezone: SHANGHAI, days: 14 });
      expect(body.perDay).toHaveLength(14);
    });

    it('refuses anonymous callers with 401', async () => {
      const response = await get('?from=2026-05-10&to=2026-05-13', null);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    });

    it.each([
      ['?from=2026-13-01', 'Invalid date range: from must be a date written as YYYY-MM-DD.'],
      ['?to=yesterday', 'Invalid date range: to must be a date written as YYYY-MM-DD.'],
      ['?from=2026-05-13&to=2026-05-10', 'Invalid date range: from (2026-05-13) is after to (2026-05-10).'],
      ['?from=2025-01-01&to=2026-05-10', 'Invalid date range: at most 366 days at a time (this one has 495).'],
    ])('answers %s with 400 and the reason', async (query, message) => {
      const response = await get(query, agentToken);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'bad_request', message } });
    });
  });
});
