import { z } from 'zod';
import { staffRoute } from '@/lib/auth/staff-route';
import type { StaffRuntime } from '@/lib/auth/staff-runtime';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { ApiError } from '@/lib/http/errors';
import { formatDate, formatTimestamp, parseDate } from '@/lib/store/time';

/**
 * The console dashboard's numbers. Every number is about the conversations *started* in the range
 * (Conversation.createdAt between `from` 00:00 and the end of `to`, in the store's time zone), and
 * about the messages and tool calls of those conversations: one cohort, so the shares add up. All
 * of it is aggregated by PostgreSQL; no row is loaded into the app.
 */

export const DEFAULT_RANGE_DAYS = 14;
const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar days in the store's time zone, both included. */
export interface DateRange {
  from: string;
  to: string;
}

// An empty date field of the page's form arrives as "": the same as leaving it out.
const optionalDay = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.iso.date({ error: 'must be a date written as YYYY-MM-DD' }).optional(),
);
const rangeQuerySchema = z.object({ from: optionalDay, to: optionalDay });

/** "YYYY-MM-DD" moved by a number of calendar days. */
function shiftDay(day: string, days: number): string {
  return formatDate(new Date(parseDate(day).getTime() + days * DAY_MS));
}

/** How many calendar days a range covers, both ends included. */
function daysInRange({ from, to }: DateRange): number {
  return Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / DAY_MS) + 1;
}

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today: string): DateRange {
  return { from: shiftDay(today, -(days - 1)), to: today };
}

/** Today's date where the store is. */
export function storeToday(now: Date, timezone: string): string {
  return formatTimestamp(now, timezone).slice(0, 10);
}

/**
 * The range a query string asks for: `to` defaults to today, `from` to 13 days before `to` (14 days).
 * Not dates, `from` after `to`, or more than 366 days → 400 saying which.
 */
export function metricsRange(query: Readonly<Record<string, unknown>>, today: string): DateRange {
  const parsed = rangeQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError('bad_request', `Invalid date range: ${issue?.path.join('.')} ${issue?.message}.`);
  }
  const to = parsed.data.to ?? today;
  const range = { from: parsed.data.from ?? lastDays(DEFAULT_RANGE_DAYS, to).from, to };
  if (range.from > range.to)
    throw new ApiError('bad_request', `Invalid date range: from (${range.from}) is after to (${range.to}).`);
  const days = daysInRange(range);
  if (days > MAX_RANGE_DAYS) {
    throw new ApiError('bad_request', `Invalid date range: at most ${MAX_RANGE_DAYS} days at a time (this one has ${days}).`);
  }
  return range;
}

/** The store's IANA time zone (StoreSettings), UTC before a store is loaded. */
export async function storeTimeZone(db: PrismaClient): Promise<string> {
  const settings = await db.storeSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  return settings?.timezone ?? 'UTC';
}

export interface DayCount {
  /** "YYYY-MM-DD" in the store's time zone. */
  day: string;
  conversations: number;
  handedOff: number;
}

export interface ToolMetrics {
  tool: string;
  calls: number;
  /** Calls in state failed (the tool threw) or invalid (the model's input did not fit the tool). */
  failed: number;
  /** failed / calls. */
  errorRate: number;
  /** Over the calls that ran (durationMs is null for calls that never executed); null when none did. */
  durationMs: { p50: number | null; p95: number | null };
}

/** Shares are fractions from 0 to 1; null when there is nothing to divide by. */
export interface DashboardMetrics {
  range: DateRange & { timezone: string; days: number };
  totals: { conversations: number; messages: number; assistantMessages: number; toolCalls: number };
  resolvedWithoutHuman: { conversations: number; share: number | null };
  handoff: { conversations: number; rate: number | null };
  fallback: { messages: number; share: number | null };
  csat: { ratings: number; average: number | null };
  timeToFirstTextMs: { measured: number; p50: number | null; p95: number | null };
  /** Every day of the range, days without conversations included. */
  perDay: DayCount[];
  /** Most used first. */
  tools: ToolMetrics[];
}

/** The conversations of the range and their messages, counted in one statement. */
interface CountsRow {
  conversations: number;
  resolved: number;
  resolvedShare: number | null;
  handedOff: number;
  handoffRate: number | null;
  ratings: number;
  ratingAverage: number | null;
  messages: number;
  assistantMessages: number;
  fallbackMessages: number;
  fallbackShare: number | null;
  timedMessages: number;
  firstTextP50: number | null;
  firstTextP95: number | null;
}

interface ToolRow {
  tool: string;
  calls: number;
  failed: number;
  errorRate: number;
  durationP50: number | null;
  durationP95: number | null;
}

/** Conversations (alias c) started in the range: local midnight of `from` up to local midnight after `to`. */
function startedInRange({ from, to }: DateRange, timezone: string): Prisma.Sql {
  return Prisma.sql`c."createdAt" >= ((${from}::date)::timestamp AT TIME ZONE ${timezone})
    AND c."createdAt" < ((${to}::date + 1)::timestamp AT TIME ZONE ${timezone})`;
}

export async function dashboardMetrics(
  db: PrismaClient,
  { from, to, timezone }: DateRange & { timezone: string },
): Promise<DashboardMetrics> {
  const inRange = startedInRange({ from, to }, timezone);
  const [perDay, [counts], tools] = await Promise.all([
    // Zero-filled: every day of the series, joined to the days that had conversations.
    db.$queryRaw<DayCount[]>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
             COALESCE(s.conversations, 0)::int AS conversations,
             COALESCE(s.handed_off, 0)::int AS "handedOff"
      FROM generate_series((${from}::date)::timestamp, (${to}::date)::timestamp, interval '1 day') AS d(day)
      LEFT JOIN (
        SELECT date_trunc('day', c."createdAt" AT TIME ZONE ${timezone}) AS day,
               count(*) AS conversations,
               count(*) FILTER (WHERE c."handoffRequestedAt" IS NOT NULL) AS handed_off
        FROM "Conversation" c
        WHERE ${inRange}
        GROUP BY 1
      ) s ON s.day = d.day
      ORDER BY d.day`,
    // One pass over the messages of the range's conversations (ChatMessage has no index to narrow it
    // by time; joining on the conversations started in the range is the cheapest way in).
    // Resolved without a human: never asked for one, never assigned to staff, and no staff message
    // (the last also covers a conversation taken over and handed back, its assignment cleared).
    // percentile_cont skips nulls: turns that never streamed text have no firstTextMs.
    db.$queryRaw<CountsRow[]>`
      WITH conversation_counts AS (
        SELECT count(*) AS conversations,
               count(*) FILTER (WHERE c."handoffRequestedAt" IS NOT NULL OR c."assignedStaffId" IS NOT NULL) AS flagged_human,
               count(*) FILTER (WHERE c."handoffRequestedAt" IS NOT NULL) AS handed_off,
               count(c.rating) AS ratings,
               avg(c.rating)::float8 AS rating_average
        FROM "Conversation" c
        WHERE ${inRange}
      ), message_counts AS (
        SELECT count(*) AS messages,
               count(DISTINCT m."conversationId") FILTER (
                 WHERE m.role = 'agent' AND c."handoffRequestedAt" IS NULL AND c."assignedStaffId" IS NULL
               ) AS staff_wrote_unflagged,
               count(*) FILTER (WHERE m.role = 'assistant') AS assistant,
               count(*) FILTER (WHERE m.role = 'assistant' AND m."usedFallback") AS fallback,
               count(m."firstTextMs") FILTER (WHERE m.role = 'assistant') AS timed,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY m."firstTextMs") FILTER (WHERE m.role = 'assistant') AS p50,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY m."firstTextMs") FILTER (WHERE m.role = 'assistant') AS p95
        FROM "ChatMessage" m
        JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE ${inRange}
      ), resolved AS (
        SELECT cc.conversations - cc.flagged_human - mc.staff_wrote_unflagged AS conversations
        FROM conversation_counts cc, message_counts mc
      )
      SELECT cc.conversations::int AS conversations,
             r.conversations::int AS resolved,
             r.conversations::float8 / NULLIF(cc.conversations, 0) AS "resolvedShare",
             cc.handed_off::int AS "handedOff",
             cc.handed_off::float8 / NULLIF(cc.conversations, 0) AS "handoffRate",
             cc.ratings::int AS ratings,
             cc.rating_average AS "ratingAverage",
             mc.messages::int AS messages,
             mc.assistant::int AS "assistantMessages",
             mc.fallback::int AS "fallbackMessages",
             mc.fallback::float8 / NULLIF(mc.assistant, 0) AS "fallbackShare",
             mc.timed::int AS "timedMessages",
             mc.p50 AS "firstTextP50",
             mc.p95 AS "firstTextP95"
      FROM conversation_counts cc, message_counts mc, resolved r`,
    db.$queryRaw<ToolRow[]>`
      SELECT t."toolName" AS tool,
             count(*)::int AS calls,
             count(*) FILTER (WHERE t.state IN ('failed', 'invalid'))::int AS failed,
             (count(*) FILTER (WHERE t.state IN ('failed', 'invalid')))::float8 / count(*) AS "errorRate",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t."durationMs") AS "durationP50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY t."durationMs") AS "durationP95"
      FROM "ToolCallLog" t
      JOIN "Conversation" c ON c.id = t."conversationId"
      WHERE ${inRange}
      GROUP BY t."toolName"
      ORDER BY calls DESC, t."toolName" COLLATE "C"`,
  ]);
  if (!counts) throw new Error('dashboardMetrics: the aggregate returned no row');
  return {
    range: { from, to, timezone, days: daysInRange({ from, to }) },
    totals: {
      conversations: counts.conversations,
      messages: counts.messages,
      assistantMessages: counts.assistantMessages,
      toolCalls: tools.reduce((sum, row) => sum + row.calls, 0),
    },
    resolvedWithoutHuman: { conversations: counts.resolved, share: counts.resolvedShare },
    handoff: { conversations: counts.handedOff, rate: counts.handoffRate },
    fallback: { messages: counts.fallbackMessages, share: counts.fallbackShare },
    csat: { ratings: counts.ratings, average: counts.ratingAverage },
    timeToFirstTextMs: { measured: counts.timedMessages, p50: counts.firstTextP50, p95: counts.firstTextP95 },
    perDay,
    tools: tools.map(({ durationP50, durationP95, ...row }) => ({ ...row, durationMs: { p50: durationP50, p95: durationP95 } })),
  };
}

/** GET /api/console/metrics?from=YYYY-MM-DD&to=YYYY-MM-DD → 200 DashboardMetrics; any signed-in staff. */
export function handleDashboardMetrics(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const timezone = await storeTimeZone(runtime.db);
    const { from, to } = metricsRange(Object.fromEntries(new URL(request.url).searchParams), storeToday(runtime.now(), timezone));
    return Response.json(await dashboardMetrics(runtime.db, { from, to, timezone }), { headers });
  });
}
