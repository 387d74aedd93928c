import { staffRoute } from '@/lib/auth/staff-route';
import { conversationNotFound } from '@/lib/chat/conversations';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { ToolCallRecord } from '@/lib/chat/transcript';
import type { PrismaClient } from '@/lib/db/client';
import { listNotes } from './notes';
import type { ConsoleRuntime } from './route';
import type {
  ConsoleConversation,
  ConsoleMessage,
  ConsoleMessageItem,
  ConsoleShopper,
  ConsoleToolCall,
} from './transcript-schema';

/** The newest messages a transcript view shows; older ones are counted, not sent. */
export const TRANSCRIPT_LIMIT = 500;
const RECENT_ORDERS = 5;

/** A tool-call log row as stored: the recorder's record, with its message and the state as text. */
type ToolLogRow = Omit<ToolCallRecord, 'state'> & { messageId: string; state: string };

/**
 * One conversation as staff see it: the transcript as the shopper saw it with every tool call
 * inline (from the tool-call log), how each answer went, who wrote staff replies, the shopper's
 * identity and recent orders, ownership, rating, labels and notes. Null for an unknown id.
 */
export async function loadConsoleConversation(db: PrismaClient, conversationId: string): Promise<ConsoleConversation | null> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    include: { assignedStaff: { select: { id: true, name: true } } },
  });
  if (!conversation) return null;
  const [newestFirst, toolLog, notes, shopper, settings] = await Promise.all([
    db.chatMessage.findMany({
      where: { conversationId },
      orderBy: { seq: 'desc' },
      take: TRANSCRIPT_LIMIT,
      include: { staffUser: { select: { id: true, name: true } } },
    }),
    db.toolCallLog.findMany({ where: { conversationId } }),
    listNotes(db, conversationId),
    loadShopper(db, conversation.customerId),
    db.storeSettings.findFirst({ select: { currency: true, timezone: true } }),
  ]);
  const logByCall = new Map<string, ToolLogRow>(toolLog.map((row) => [row.toolCallId, row]));
  const messages = newestFirst.reverse().map(
    (row): ConsoleMessage => ({
      id: row.id,
      seq: row.seq,
      role: row.role,
      createdAt: row.createdAt.toISOString(),
      items: messageItems(row.id, row.parts as unknown as ShopUIMessage['parts'], logByCall),
      author: row.role === 'agent' ? row.staffUser : null,
      turn:
        row.role === 'assistant'
          ? {
              model: row.model,
              usedFallback: row.usedFallback,
              finishReason: row.finishReason,
              inputTokens: row.inputTokens,
              outputTokens: row.outputTokens,
              firstTextMs: row.firstTextMs,
              durationMs: row.durationMs,
              error: row.error,
            }
          : null,
    }),
  );
  return {
    id: conversation.id,
    status: conversation.status,
    createdAt: conversation.createdAt.toISOString(),
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    closedAt: conversation.closedAt?.toISOString() ?? null,
    handoffRequestedAt: conversation.handoffRequestedAt?.toISOString() ?? null,
    assignedStaff: conversation.assignedStaff,
    rating:
      conversation.rating === null
        ? null
        : {
            score: conversation.rating,
            comment: conversation.ratingComment,
            ratedAt: conversation.ratedAt?.toISOString() ?? null,
          },
    labels: conversation.labels,
    messageCount: conversation.messageCount,
    toolsUsed: conversation.toolsUsed,
    hadError: conversation.hadError,
    usedFallback: conversation.usedFallback,
    currency: settings?.currency ?? null,
    timezone: settings?.timezone ?? null,
    shopper,
    messages,
    olderMessagesOmitted: Math.max(0, conversation.messageCount - messages.length),
    notes,
  };
}

/** Text and tool parts in the order the widget showed them; each tool call with what the log recorded. */
function messageItems(
  messageId: string,
  parts: ShopUIMessage['parts'],
  logByCall: ReadonlyMap<string, ToolLogRow>,
): ConsoleMessageItem[] {
  return parts.flatMap((part): ConsoleMessageItem[] => {
    if (part.type === 'text') return part.text.trim() === '' ? [] : [{ kind: 'text', text: part.text }];
    if (part.type.startsWith('tool-') && 'toolCallId' in part) {
      const toolName = part.type.slice('tool-'.length);
      const logged = logByCall.get(part.toolCallId);
      // A log row counts only if it is this message's call of this tool: a provider may reuse call ids across turns.
      const own = logged?.messageId === messageId && logged.toolName === toolName ? logged : undefined;
      return [{ kind: 'tool', call: toolCall(toolName, part, own) }];
    }
    // step-start and the like: nothing the shopper read.
    return [];
  });
}

/**
 * Input and output as the shopper's widget got them (the message part); state, duration, step,
 * model and the unredacted error from the tool-call log when it has the call.
 */
function toolCall(
  toolName: string,
  part: { toolCallId: string; state: string; input?: unknown; output?: unknown; errorText?: string },
  logged: ToolLogRow | undefined,
): ConsoleToolCall {
  return {
    toolCallId: part.toolCallId,
    toolName,
    state: logged?.state ?? part.state,
    input: part.input ?? logged?.input ?? null,
    output: part.output ?? logged?.output ?? null,
    error: logged?.error ?? part.errorText ?? null,
    durationMs: logged?.durationMs ?? null,
    step: logged?.step ?? null,
    model: logged?.model ?? null,
  };
}

async function loadShopper(db: PrismaClient, customerId: string | null): Promise<ConsoleShopper> {
  if (customerId === null) return { kind: 'anonymous' };
  const [customer, orders] = await Promise.all([
    db.customer.findUnique({
      where: { id: customerId },
      select: { name: true, email: true, memberLevel: { select: { name: true } } },
    }),
    db.order.findMany({
      where: { customerId },
      orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
      take: RECENT_ORDERS,
      select: { id: true, status: true, placedAt: true, total: true },
    }),
  ]);
  return {
    kind: 'customer',
    id: customerId,
    name: customer?.name ?? null,
    email: customer?.email ?? null,
    memberLevel: customer?.memberLevel?.name ?? null,
    recentOrders: orders.map((order) => ({
      id: order.id,
      status: order.status,
      placedAt: order.placedAt.toISOString(),
      total: order.total.toFixed(2),
    })),
  };
}

/** GET /api/console/conversations/{id} → 200 { conversation } (ConsoleConversation), 404 for an unknown id. */
export function handleConversationDetail(request: Request, runtime: ConsoleRuntime, conversationId: string): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const conversation = await loadConsoleConversation(runtime.db, conversationId);
    if (!conversation) throw conversationNotFound();
    return Response.json({ conversation }, { headers });
  });
}
