import type { Shopper } from '@/lib/auth/shopper';
import type { PrismaClient } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import type { ConversationStatus } from '@/lib/db/generated/client';
import { ApiError } from '@/lib/http/errors';

export type { ConversationStatus };

/**
 * Moves a conversation the bot owns to the staff queue. Idempotent: asking again while waiting
 * (or while a person already has it) changes nothing. Returns the status it is in afterwards.
 */
export async function requestHumanHandoff(db: PrismaClient, conversationId: string): Promise<ConversationStatus> {
  await db.conversation.updateMany({
    where: { id: conversationId, status: 'bot' },
    data: { status: 'waiting_human', handoffRequestedAt: new Date() },
  });
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { status: true } });
  return conversation.status;
}

/** Statuses in which the assistant must not answer: a person has it, or it is waiting for one. */
export function botIsSilent(status: ConversationStatus): boolean {
  return status !== 'bot';
}

export function ownerOf(shopper: Shopper): { customerId: string | null; visitorHash: string | null } {
  return shopper.kind === 'customer'
    ? { customerId: shopper.customerId, visitorHash: null }
    : { customerId: null, visitorHash: shopper.visitorHash };
}

export interface OpenConversation {
  id: string;
  status: ConversationStatus;
  isNew: boolean;
}

/**
 * The conversation's status if this shopper owns it, null if there is none. Someone else's
 * conversation answers exactly like a missing one, so ids cannot be probed.
 */
async function statusForOwner(db: PrismaClient, id: string, shopper: Shopper): Promise<ConversationStatus | null> {
  const owner = ownerOf(shopper);
  const row = await db.conversation.findUnique({ where: { id }, select: { status: true, customerId: true, visitorHash: true } });
  if (!row) return null;
  if (row.customerId !== owner.customerId || row.visitorHash !== owner.visitorHash) throw conversationNotFound();
  return row.status;
}

/** Missing and someone else's look the same, so ids cannot be probed. */
export function conversationNotFound(): ApiError {
  return new ApiError('not_found', 'No conversation with that id.');
}

/** The conversation `id` for this shopper: created and bound to them on first use. */
export async function openConversation(db: PrismaClient, id: string, shopper: Shopper): Promise<OpenConversation> {
  const status = await statusForOwner(db, id, shopper);
  if (status) return { id, status, isNew: false };
  try {
    await db.conversation.create({ data: { id, ...ownerOf(shopper) } });
    return { id, status: 'bot', isNew: true };
  } catch (error) {
    // Two first messages raced: the loser re-reads (and is refused if the winner was someone else).
    if (isUniqueViolation(error)) return openConversation(db, id, shopper);
    throw error;
  }
}

/** The conversation if this shopper owns it, for reading; missing or someone else's → not_found. */
export async function findOwnConversation(
  db: PrismaClient,
  id: string,
  shopper: Shopper,
): Promise<{ id: string; status: ConversationStatus }> {
  const status = await statusForOwner(db, id, shopper);
  if (!status) throw conversationNotFound();
  return { id, status };
}

/** A shopper writing into a closed conversation reopens it with the bot. */
export async function reopenIfClosed(db: PrismaClient, conversation: OpenConversation): Promise<OpenConversation> {
  if (conversation.status !== 'closed') return conversation;
  await db.conversation.updateMany({ where: { id: conversation.id, status: 'closed' }, data: { status: 'bot', closedAt: null } });
  return { ...conversation, status: 'bot' };
}
