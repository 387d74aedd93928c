import { z } from 'zod';
import { staffRoute } from '@/lib/auth/staff-route';
import type { StaffRuntime } from '@/lib/auth/staff-runtime';
import { conversationNotFound } from '@/lib/chat/conversations';
import type { PrismaClient } from '@/lib/db/client';
import type { ConversationStatus } from '@/lib/db/generated/enums';
import { ApiError } from '@/lib/http/errors';
import {
  type ConversationFilters,
  type ConversationListItem,
  type ConversationShopper,
  decodeCursor,
  type ListCursor,
  listConversations,
  parseListQuery,
} from './conversation-list';

// ---------------------------------------------------------------------------------------------
// CSV: every conversation matching the list's filters, one row each.

const CSV_HEADER = [
  'id',
  'customer',
  'started',
  'last activity',
  'status',
  'messages',
  'tools used',
  'fallback used',
  'handoff',
  'rating',
] as const;

/** Conversations read (and written out) per query: the export never holds more than this. */
const CSV_BATCH_SIZE = 500;

/** A UTF-8 byte order mark: Excel then reads Chinese names as UTF-8, not the system's code page. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * One RFC 4180 field. A value a spreadsheet would run as a formula (starting with = + - @, or a
 * tab or carriage return that hides one) gets a leading apostrophe: a shopper's name cannot become
 * a formula on the admin's machine.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function customerCell(customer: ConversationShopper): string {
  if (customer.kind === 'anonymous') return 'anonymous';
  return customer.name === null ? customer.id : `${customer.name} (${customer.id})`;
}

export function conversationCsvValues(conversation: ConversationListItem): string[] {
  return [
    conversation.id,
    customerCell(conversation.customer),
    conversation.createdAt,
    conversation.lastMessageAt,
    conversation.status,
    String(conversation.messageCount),
    conversation.toolsUsed.join('; '),
    conversation.usedFallback ? 'yes' : 'no',
    conversation.handoffRequestedAt ?? '',
    conversation.rating === null ? '' : String(conversation.rating),
  ];
}

/** The whole CSV, a batch of records at a time (the BOM and header first). */
export async function* conversationCsv(
  db: PrismaClient,
  filters: ConversationFilters,
  batchSize: number = CSV_BATCH_SIZE,
): AsyncGenerator<string> {
  yield BYTE_ORDER_MARK + csvRecord(CSV_HEADER);
  let cursor: ListCursor | null = null;
  do {
    const page = await listConversations(db, filters, cursor, batchSize);
    yield page.conversations.map((conversation) => csvRecord(conversationCsvValues(conversation))).join('');
    cursor = page.nextCursor === null ? null : decodeCursor(page.nextCursor);
  } while (cursor !== null);
}

/** Pulls the next chunk only when the client has taken the previous one (a slow download never piles up rows). */
function byteStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error('[console] the CSV export failed part-way', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * GET /api/console/conversations/export?<the list's filters> → text/csv, as a download. Admins only:
 * a bulk export of customer data is an administrator's decision (agents get 403).
 */
export function handleConversationCsvExport(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(
    request,
    runtime,
    async (_me, headers) => {
      const params = new URL(request.url).searchParams;
      if (params.has('cursor') || params.has('limit')) {
        throw new ApiError('bad_request', 'The export has every page: give the filters only, without cursor or limit.');
      }
      const { filters } = parseListQuery(params);
      const day = runtime.now().toISOString().slice(0, 10);
      headers.set('Content-Type', 'text/csv; charset=utf-8');
      headers.set('Content-Disposition', `attachment; filename="conversations-${day}.csv"`);
      return new Response(byteStream(conversationCsv(runtime.db, filters)), { headers });
    },
    { role: 'admin' },
  );
}

// ---------------------------------------------------------------------------------------------
// JSON: one conversation's whole transcript, for a member of staff to keep or pass on.

export interface ConversationExport {
  exportedAt: string;
  conversation: {
    id: string;
    status: ConversationStatus;
    customer: ConversationShopper;
    createdAt: string;
    lastMessageAt: string;
    closedAt: string | null;
    rating: number | null;
    ratingComment: string | null;
    ratedAt: string | null;
    assignedStaffName: string | null;
    messageCount: number;
    toolsUsed: string[];
    hadError: boolean;
    usedFallback: boolean;
    handoffRequestedAt: string | null;
    labels: string[];
  };
  messages: Array<{
    id: string;
    seq: number;
    role: 'user' | 'assistant' | 'agent';
    createdAt: string;
    /** The member of staff who wrote an agent message. */
    agentName: string | null;
    /** The message's text parts, in order. */
    text: string[];
    /** The tool parts as the widget received them (input, output, state). */
    toolParts: unknown[];
    model: string | null;
    usedFallback: boolean;
    finishReason: string | null;
    inputTokens: number | null;
    outputTokens: number | null;
    firstTextMs: number | null;
    durationMs: number | null;
    error: string | null;
  }>;
  toolCalls: Array<{
    toolCallId: string;
    messageId: string;
    toolName: string;
    step: number;
    model: string;
    state: string;
    input: unknown;
    output: unknown;
    error: string | null;
    durationMs: number | null;
    createdAt: string;
  }>;
  notes: Array<{ body: string; authorName: string; createdAt: string }>;
}

/** Stored parts are the widget's UIMessage parts; anything else is left out rather than trusted. */
const storedPartsSchema = z.array(z.looseObject({ type: z.string() })).catch([]);

function partsOf(parts: unknown): { text: string[]; toolParts: unknown[] } {
  const list = storedPartsSchema.parse(parts);
  return {
    text: list.flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : [])),
    toolParts: list.filter((part) => part.type.startsWith('tool-') || part.type === 'dynamic-tool'),
  };
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** The conversation with all its messages, tool calls and notes, or null when there is none. */
export async function exportConversation(db: PrismaClient, id: string, now: Date): Promise<ConversationExport | null> {
  const row = await db.conversation.findUnique({
    where: { id },
    include: {
      assignedStaff: { select: { name: true } },
      messages: { orderBy: { seq: 'asc' }, include: { staffUser: { select: { name: true } } } },
      toolCalls: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      notes: { orderBy: { createdAt: 'asc' }, include: { staffUser: { select: { name: true } } } },
    },
  });
  if (!row) return null;
  const customer = row.customerId
    ? await db.customer.findUnique({
        where: { id: row.customerId },
        select: { name: true, memberLevel: { select: { name: true } } },
      })
    : null;
  return {
    exportedAt: now.toISOString(),
    conversation: {
      id: row.id,
      status: row.status,
      customer:
        row.customerId === null
          ? { kind: 'anonymous' }
          : {
              kind: 'customer',
              id: row.customerId,
              name: customer?.name ?? null,
              memberLevelName: customer?.memberLevel?.name ?? null,
            },
      createdAt: row.createdAt.toISOString(),
      lastMessageAt: row.lastMessageAt.toISOString(),
      closedAt: iso(row.closedAt),
      rating: row.rating,
      ratingComment: row.ratingComment,
      ratedAt: iso(row.ratedAt),
      assignedStaffName: row.assignedStaff?.name ?? null,
      messageCount: row.messageCount,
      toolsUsed: row.toolsUsed,
      hadError: row.hadError,
      usedFallback: row.usedFallback,
      handoffRequestedAt: iso(row.handoffRequestedAt),
      labels: row.labels,
    },
    messages: row.messages.map((message) => ({
      id: message.id,
      seq: message.seq,
      role: message.role,
      createdAt: message.createdAt.toISOString(),
      agentName: message.role === 'agent' ? (message.staffUser?.name ?? null) : null,
      ...partsOf(message.parts),
      model: message.model,
      usedFallback: message.usedFallback,
      finishReason: message.finishReason,
      inputTokens: message.inputTokens,
      outputTokens: message.outputTokens,
      firstTextMs: message.firstTextMs,
      durationMs: message.durationMs,
      error: message.error,
    })),
    toolCalls: row.toolCalls.map((call) => ({
      toolCallId: call.toolCallId,
      messageId: call.messageId,
      toolName: call.toolName,
      step: call.step,
      model: call.model,
      state: call.state,
      input: call.input,
      output: call.output,
      error: call.error,
      durationMs: call.durationMs,
      createdAt: call.createdAt.toISOString(),
    })),
    notes: row.notes.map((note) => ({
      body: note.body,
      authorName: note.staffUser.name,
      createdAt: note.createdAt.toISOString(),
    })),
  };
}

/** Conversation ids are the widget's: letters, digits, "_" and "-" (safe in a file name). */
const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** GET /api/console/conversations/{id}/export → the conversation as a JSON download. Any staff. */
export function handleConversationJsonExport(request: Request, runtime: StaffRuntime, id: string): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const exported = conversationIdSchema.safeParse(id).success ? await exportConversation(runtime.db, id, runtime.now()) : null;
    if (!exported) throw conversationNotFound();
    headers.set('Content-Type', 'application/json; charset=utf-8');
    headers.set('Content-Disposition', `attachment; filename="conversation-${id}.json"`);
    return new Response(JSON.stringify(exported, null, 2), { headers });
  });
}
