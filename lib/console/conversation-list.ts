import { z } from 'zod';
import { SHOP_TOOL_NAMES, type ShopToolName } from '@/lib/ai/tools';
import { staffRoute } from '@/lib/auth/staff-route';
import type { StaffRuntime } from '@/lib/auth/staff-runtime';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { ConversationStatus } from '@/lib/db/generated/enums';
import { ApiError } from '@/lib/http/errors';

/**
 * The staff console's conversation list: filters, text search across messages, keyset pagination.
 * The same query-string parameters serve the list API, the CSV export and the /console page URL.
 */

/** A calendar day (in the store's time zone) or an exact instant with its offset. */
export type DateBound = { day: string } | { instant: string };

export interface ConversationFilters {
  statuses: ConversationStatus[];
  /** lastMessageAt on or after this day / instant. */
  from?: DateBound;
  /** lastMessageAt on or before this day (the whole day) / instant. */
  to?: DateBound;
  shopper?: 'signed_in' | 'anonymous';
  customerId?: string;
  rating?: number;
  minRating?: number;
  /** The conversation used every one of these tools. */
  tools: ShopToolName[];
  hadError?: boolean;
  usedFallback?: boolean;
  /** The conversation carries every one of these labels. */
  labels: string[];
  /** Text that occurs in one of the conversation's messages (any case, Chinese or English). */
  q?: string;
}

export const NO_FILTERS: ConversationFilters = { statuses: [], tools: [], labels: [] };

export interface ListQuery {
  filters: ConversationFilters;
  cursor: ListCursor | null;
  limit: number;
}

/** Where the previous page ended: the last row's sort key. */
export interface ListCursor {
  lastMessageAt: string;
  id: string;
}

export type ConversationShopper =
  | { kind: 'customer'; id: string; name: string | null; memberLevelName: string | null }
  | { kind: 'anonymous' };

export interface ConversationListItem {
  id: string;
  status: ConversationStatus;
  customer: ConversationShopper;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  toolsUsed: string[];
  hadError: boolean;
  usedFallback: boolean;
  handoffRequestedAt: string | null;
  rating: number | null;
  labels: string[];
  assignedStaffName: string | null;
  /** The last message's text, or, with a search, the matching message's text around the match. */
  snippet: string;
}

export interface ConversationPage {
  conversations: ConversationListItem[];
  /** Null on the last page. */
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_QUERY_LENGTH = 200;
const MAX_LABEL_LENGTH = 50;
/** Characters of context kept on each side of a search match in the snippet. */
const SNIPPET_CONTEXT = 50;
const SNIPPET_LENGTH = 160;

// ---------------------------------------------------------------------------------------------
// The query string

const LIST_PARAMETERS = [
  'status',
  'from',
  'to',
  'shopper',
  'customerId',
  'rating',
  'minRating',
  'tool',
  'hadError',
  'usedFallback',
  'label',
  'q',
  'cursor',
  'limit',
] as const;
type ListParameter = (typeof LIST_PARAMETERS)[number];
const REPEATABLE = new Set<ListParameter>(['status', 'tool', 'label']);

/** A single value: given at most once. */
function once<Schema extends z.ZodType<unknown, string>>(schema: Schema) {
  return z
    .array(z.string())
    .max(1, 'must be given at most once')
    .optional()
    .transform((values) => values?.[0])
    .pipe(schema.optional());
}

const dateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date like 2026-11-20 or a time like 2026-11-20T08:00:00Z',
});
const rating = z
  .string()
  .regex(/^[1-5]$/, 'must be a whole number from 1 to 5')
  .transform(Number);
const flag = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true');

const listQuerySchema = z.object({
  status: z.array(z.enum(ConversationStatus, `must be one of ${Object.values(ConversationStatus).join(', ')}`)).default([]),
  from: once(dateBound),
  to: once(dateBound),
  shopper: once(z.enum(['signed_in', 'anonymous'], 'must be signed_in or anonymous')),
  customerId: once(z.string().max(100, 'must be at most 100 characters')),
  rating: once(rating),
  minRating: once(rating),
  tool: z.array(z.enum(SHOP_TOOL_NAMES, `must be one of ${SHOP_TOOL_NAMES.join(', ')}`)).default([]),
  hadError: once(flag),
  usedFallback: once(flag),
  label: z.array(z.string().max(MAX_LABEL_LENGTH, `must be at most ${MAX_LABEL_LENGTH} characters`)).default([]),
  q: once(z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)),
  cursor: once(z.string().max(500, 'is not one this list gave')),
  limit: once(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)),
  ),
});

function toBound(value: string | undefined): DateBound | undefined {
  if (value === undefined) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { day: value } : { instant: value };
}

/**
 * The list's query string, checked: 400 naming the first bad parameter. Empty values count as
 * absent (an empty search box in a form), values are trimmed.
 */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const values: Partial<Record<ListParameter, string[]>> = {};
  for (const [key, raw] of params) {
    if (!(LIST_PARAMETERS as readonly string[]).includes(key)) {
      throw new ApiError('bad_request', `Unknown filter "${key}": use ${LIST_PARAMETERS.join(', ')}.`);
    }
    const value = raw.trim();
    if (value === '') continue;
    const name = key as ListParameter;
    values[name] = [...(values[name] ?? []), value];
  }
  const parsed = listQuerySchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'query');
    const which = REPEATABLE.has(name as ListParameter)
      ? `"${values[name as ListParameter]?.[Number(issue?.path[1])] ?? ''}" `
      : '';
    throw new ApiError('bad_request', `Invalid filter ${name}: ${which}${issue?.message ?? 'is invalid'}.`);
  }
  const query = parsed.data;
  return {
    filters: {
      statuses: [...new Set(query.status)],
      tools: [...new Set(query.tool)],
      labels: [...new Set(query.label)],
      ...definedOnly({
        from: toBound(query.from),
        to: toBound(query.to),
        shopper: query.shopper,
        customerId: query.customerId,
        rating: query.rating,
        minRating: query.minRating,
        hadError: query.hadError,
        usedFallback: query.usedFallback,
        q: query.q,
      }),
    },
    cursor: query.cursor === undefined ? null : decodeCursor(query.cursor),
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
  };
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque to callers (base64url JSON of the last row's sort key).

const cursorSchema = z.tuple([z.iso.datetime(), z.string().min(1).max(200)]);

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastMessageAt, cursor.id])).toString('base64url');
}

export function decodeCursor(encoded: string): ListCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    json = null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new ApiError('bad_request', 'Invalid filter cursor: it is not one this list gave.');
  const [lastMessageAt, id] = parsed.data;
  return { lastMessageAt, id };
}

// ---------------------------------------------------------------------------------------------
// The query

/** `%`, `_` and the escape character itself match literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * `m.text` contains `q`, in any case. Text without case (Chinese, digits) uses LIKE: the same
 * matches, and about three times faster than ILIKE when the rows have to be scanned.
 */
function textMatches(q: string): Prisma.Sql {
  const caseless = q.toLowerCase() === q.toUpperCase();
  return caseless ? Prisma.sql`m.text LIKE ${likePattern(q)}` : Prisma.sql`m.text ILIKE ${likePattern(q)}`;
}

/** A day starts at midnight in the store's time zone (UTC when the store has none). */
const STORE_TIME_ZONE = Prisma.sql`(SELECT coalesce((SELECT timezone FROM "StoreSettings" LIMIT 1), 'UTC'))`;

function startOf(bound: DateBound, dayOffset: 0 | 1): Prisma.Sql {
  if ('instant' in bound) return Prisma.sql`${bound.instant}::timestamptz`;
  return Prisma.sql`((${bound.day}::date + ${dayOffset}::int)::timestamp AT TIME ZONE ${STORE_TIME_ZONE})`;
}

function whereClauses(filters: ConversationFilters, cursor: ListCursor | null): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.statuses.length > 0) where.push(Prisma.sql`c.status = ANY(${filters.statuses}::text[]::"ConversationStatus"[])`);
  if (filters.from) where.push(Prisma.sql`c."lastMessageAt" >= ${startOf(filters.from, 0)}`);
  if (filters.to) {
    where.push(
      'day' in filters.to
        ? Prisma.sql`c."lastMessageAt" < ${startOf(filters.to, 1)}`
        : Prisma.sql`c."lastMessageAt" <= ${startOf(filters.to, 0)}`,
    );
  }
  if (filters.shopper === 'signed_in') where.push(Prisma.sql`c."customerId" IS NOT NULL`);
  if (filters.shopper === 'anonymous') where.push(Prisma.sql`c."customerId" IS NULL`);
  if (filters.customerId !== undefined) where.push(Prisma.sql`c."customerId" = ${filters.customerId}`);
  if (filters.rating !== undefined) where.push(Prisma.sql`c.rating = ${filters.rating}`);
  if (filters.minRating !== undefined) where.push(Prisma.sql`c.rating >= ${filters.minRating}`);
  if (filters.tools.length > 0) where.push(Prisma.sql`c."toolsUsed" @> ${filters.tools}::text[]`);
  if (filters.hadError !== undefined) where.push(Prisma.sql`c."hadError" = ${filters.hadError}`);
  if (filters.usedFallback !== undefined) where.push(Prisma.sql`c."usedFallback" = ${filters.usedFallback}`);
  if (filters.labels.length > 0) where.push(Prisma.sql`c.labels @> ${filters.labels}::text[]`);
  if (filters.q !== undefined) {
    // The trigram GIN index on ChatMessage.text serves this from 3 characters on; shorter text is scanned.
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "ChatMessage" m WHERE m."conversationId" = c.id AND ${textMatches(filters.q)})`);
  }
  if (cursor) {
    where.push(Prisma.sql`(c."lastMessageAt", c.id) < (${cursor.lastMessageAt}::timestamptz, ${cursor.id})`);
  }
  return where;
}

interface ListRow {
  id: string;
  status: ConversationStatus;
  customerId: string | null;
  customerName: string | null;
  memberLevelName: string | null;
  createdAt: Date;
  lastMessageAt: Date;
  messageCount: number;
  toolsUsed: string[];
  hadError: boolean;
  usedFallback: boolean;
  handoffRequestedAt: Date | null;
  rating: number | null;
  labels: string[];
  assignedStaffName: string | null;
  snippetText: string | null;
}

/**
 * One page of conversations, most recent activity first (ties by id), after `cursor`.
 *
 * Raw SQL (Prisma.sql fragments, every value a parameter): the text search is an EXISTS over the
 * messages with ILIKE, the snippet a LATERAL pick of one message, and the customer has no relation
 * in the schema to include — none of which the typed API expresses. The page is chosen first, in
 * its own subquery, so snippets and names are looked up for the rows shown only.
 */
export async function listConversations(
  db: PrismaClient,
  filters: ConversationFilters,
  cursor: ListCursor | null = null,
  limit: number = DEFAULT_PAGE_SIZE,
): Promise<ConversationPage> {
  const where = whereClauses(filters, cursor);
  const condition = where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
  const snippetMatch = filters.q === undefined ? Prisma.sql`m.text <> ''` : textMatches(filters.q);
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT c.id, c.status, c."customerId", cu.name AS "customerName", ml.name AS "memberLevelName",
           c."createdAt", c."lastMessageAt", c."messageCount", c."toolsUsed", c."hadError", c."usedFallback",
           c."handoffRequestedAt", c.rating::int AS rating, c.labels, s.name AS "assignedStaffName",
           snippet.text AS "snippetText"
    FROM (
      SELECT * FROM "Conversation" c ${condition}
      ORDER BY c."lastMessageAt" DESC, c.id DESC
      LIMIT ${limit + 1}
    ) c
    LEFT JOIN "Customer" cu ON cu.id = c."customerId"
    LEFT JOIN "MemberLevel" ml ON ml.code = cu."memberLevelCode"
    LEFT JOIN "StaffUser" s ON s.id = c."assignedStaffId"
    LEFT JOIN LATERAL (
      SELECT m.text FROM "ChatMessage" m
      WHERE m."conversationId" = c.id AND ${snippetMatch}
      ORDER BY m.seq DESC LIMIT 1
    ) snippet ON true
    ORDER BY c."lastMessageAt" DESC, c.id DESC`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page.map((row) => toListItem(row, filters.q)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ lastMessageAt: last.lastMessageAt.toISOString(), id: last.id }) : null,
  };
}

function toListItem(row: ListRow, q: string | undefined): ConversationListItem {
  return {
    id: row.id,
    status: row.status,
    customer:
      row.customerId === null
        ? { kind: 'anonymous' }
        : { kind: 'customer', id: row.customerId, name: row.customerName, memberLevelName: row.memberLevelName },
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    messageCount: row.messageCount,
    toolsUsed: row.toolsUsed,
    hadError: row.hadError,
    usedFallback: row.usedFallback,
    handoffRequestedAt: row.handoffRequestedAt?.toISOString() ?? null,
    rating: row.rating,
    labels: row.labels,
    assignedStaffName: row.assignedStaffName,
    snippet: snippetOf(row.snippetText ?? '', q),
  };
}

/** The text on one line, cut around the first match of `q` (or from its start), with "…" where cut. */
export function snippetOf(text: string, q: string | undefined): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = q === undefined ? -1 : flat.toLowerCase().indexOf(q.toLowerCase());
  const start = at <= SNIPPET_CONTEXT ? 0 : at - SNIPPET_CONTEXT;
  const end = Math.max(start + SNIPPET_LENGTH, at + (q?.length ?? 0) + SNIPPET_CONTEXT);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/** Conversations waiting for a person: the console's "Waiting" badge. */
export function countWaiting(db: PrismaClient): Promise<number> {
  return db.conversation.count({ where: { status: 'waiting_human' } });
}

// ---------------------------------------------------------------------------------------------
// The route

export interface ConversationListBody extends ConversationPage {
  waitingCount: number;
}

/** GET /api/console/conversations?<filters>&cursor=…&limit=… → { conversations, nextCursor, waitingCount }. Any staff. */
export function handleConversationList(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const { filters, cursor, limit } = parseListQuery(new URL(request.url).searchParams);
    const [page, waitingCount] = await Promise.all([
      listConversations(runtime.db, filters, cursor, limit),
      countWaiting(runtime.db),
    ]);
    const body: ConversationListBody = { ...page, waitingCount };
    return Response.json(body, { headers });
  });
}
