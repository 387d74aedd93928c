import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { ApiError } from '@/lib/http/errors';
import type { ConversationStatus } from './conversations';
import { plainText, type ShopUIMessage } from './messages';
import type { ApprovalResponse } from './request';

export function newMessageId(): string {
  return `msg_${randomBytes(12).toString('base64url')}`;
}

/** How much history a turn carries: enough for follow-ups, bounded for cost and latency. */
export const HISTORY_LIMIT = 60;

/** The conversation as the shopper saw it (its latest HISTORY_LIMIT messages), oldest first. */
export async function loadTranscript(db: PrismaClient, conversationId: string): Promise<ShopUIMessage[]> {
  const newestFirst = await db.chatMessage.findMany({
    where: { conversationId },
    orderBy: { seq: 'desc' },
    take: HISTORY_LIMIT,
    select: {
      id: true,
      role: true,
      parts: true,
      createdAt: true,
      model: true,
      usedFallback: true,
      staffUser: { select: { name: true } },
    },
  });
  return newestFirst.reverse().map((row) => ({
    id: row.id,
    // A member of staff speaks for the shop: the shopper (and the model, once handed back) sees an assistant message.
    role: row.role === 'user' ? 'user' : 'assistant',
    // Written by saveMessage from a ShopUIMessage; the database hands back the same JSON.
    parts: row.parts as unknown as ShopUIMessage['parts'],
    metadata: {
      createdAt: row.createdAt.toISOString(),
      ...(row.model !== null && { model: row.model, usedFallback: row.usedFallback }),
      ...(row.role === 'agent' && { agentName: row.staffUser?.name ?? '' }),
    },
  }));
}

/** How an assistant turn went, for the transcript and the console's numbers. */
export interface TurnOutcome {
  model: string | null;
  usedFallback: boolean;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  firstTextMs: number | null;
  durationMs: number;
  error: string | null;
}

export interface ToolCallRecord {
  toolCallId: string;
  toolName: string;
  step: number;
  model: string;
  input: unknown;
  output: unknown;
  error: string | null;
  durationMs: number | null;
  state: 'awaiting_approval' | 'succeeded' | 'failed' | 'denied' | 'invalid';
}

/** Who holds the conversation, as saveMessage reads it under its lock. */
export interface ConversationOwnership {
  status: ConversationStatus;
  assignedStaffId: string | null;
}

interface LockedConversation extends ConversationOwnership {
  /** The next message's position: after the last one stored, however it got there. */
  nextSeq: number;
}

export interface SaveMessageOptions {
  /** An agent message: the member of staff who wrote it (stored with role agent). */
  staffUserId?: string;
  /**
   * Checked under the conversation's lock, so nobody can take or release the conversation between
   * the check and the write: false writes nothing and saveMessage returns false.
   */
  onlyIf?: (ownership: ConversationOwnership) => boolean;
}

/**
 * Appends a message, or rewrites it when it is already there (an assistant message continued
 * after the shopper confirmed an order). The conversation row is locked so concurrent turns
 * cannot take the same position. Returns false when `onlyIf` refused the write.
 */
export async function saveMessage(
  db: PrismaClient,
  conversationId: string,
  message: ShopUIMessage,
  outcome?: TurnOutcome,
  toolCalls: readonly ToolCallRecord[] = [],
  options: SaveMessageOptions = {},
): Promise<boolean> {
  const parts = message.parts as unknown as Prisma.InputJsonValue;
  const turn = outcome ?? {};
  const text = plainText(message);
  const role = options.staffUserId ? 'agent' : message.role === 'user' ? 'user' : 'assistant';
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<LockedConversation[]>`
      SELECT status::text AS status, "assignedStaffId",
             (SELECT coalesce(max(seq) + 1, 0)::int FROM "ChatMessage" WHERE "conversationId" = c.id) AS "nextSeq"
      FROM "Conversation" c WHERE id = ${conversationId} FOR UPDATE`;
    if (options.onlyIf && (!locked || !options.onlyIf(locked))) return false;
    const existing = await tx.chatMessage.findUnique({ where: { id: message.id }, select: { conversationId: true } });
    if (existing && existing.conversationId !== conversationId)
      throw new Error(`Message ${message.id} belongs to another conversation`);
    if (existing) {
      await tx.chatMessage.update({ where: { id: message.id }, data: { parts, text, ...turn } });
    } else {
      await tx.chatMessage.create({
        data: {
          id: message.id,
          conversationId,
          seq: locked?.nextSeq ?? 0,
          role,
          staffUserId: options.staffUserId ?? null,
          parts,
          text,
          ...turn,
        },
      });
    }
    for (const call of toolCalls) {
      const data = {
        messageId: message.id,
        toolName: call.toolName,
        step: call.step,
        model: call.model,
        input: toJson(call.input),
        output: toJson(call.output),
        error: call.error,
        durationMs: call.durationMs,
        state: call.state,
      };
      await tx.toolCallLog.upsert({
        where: { conversationId_toolCallId: { conversationId, toolCallId: call.toolCallId } },
        create: { conversationId, toolCallId: call.toolCallId, ...data },
        // A call resumed after approval keeps the step and model that asked for it.
        update: { output: data.output, error: data.error, durationMs: data.durationMs, state: data.state },
      });
    }
    // The console's counters and filters, in one statement: toolsUsed is the sorted set of tools the
    // conversation used ("tool used" filter).
    const hadError = Boolean(outcome?.error) || toolCalls.some((call) => call.error !== null);
    await tx.$executeRaw`
      UPDATE "Conversation" SET
        "lastMessageAt" = ${new Date()},
        "messageCount" = "messageCount" + ${existing ? 0 : 1},
        "usedFallback" = "usedFallback" OR ${outcome?.usedFallback === true},
        "hadError" = "hadError" OR ${hadError},
        "toolsUsed" = ARRAY(
          SELECT DISTINCT name FROM unnest("toolsUsed" || ${toolCalls.map((call) => call.toolName)}::text[]) AS name ORDER BY 1)
      WHERE id = ${conversationId}`;
    return true;
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/**
 * Applies the shopper's confirmations to the stored transcript, never to what the client sent:
 * only confirmations the assistant is actually waiting for count. Nothing pending (e.g. the same
 * confirmation replayed) is a conflict, so a replay can never run an order twice.
 */
export function applyApprovalResponses(transcript: ShopUIMessage[], responses: readonly ApprovalResponse[]): ShopUIMessage[] {
  const last = transcript[transcript.length - 1];
  if (last?.role !== 'assistant') throw nothingPending();
  let applied = 0;
  const parts = last.parts.map((part) => {
    if (!('approval' in part) || part.state !== 'approval-requested' || !part.approval) return part;
    const response = responses.find((r) => r.approvalId === part.approval.id);
    if (!response) return part;
    applied++;
    return {
      ...part,
      state: 'approval-responded' as const,
      approval: {
        ...part.approval,
        approved: response.approved,
        ...(response.reason !== undefined && { reason: response.reason }),
      },
    };
  });
  if (applied === 0) throw nothingPending();
  return [...transcript.slice(0, -1), { ...last, parts: parts as ShopUIMessage['parts'] }];
}

function nothingPending(): ApiError {
  return new ApiError('conflict', 'Nothing in this conversation is waiting for your confirmation.');
}
