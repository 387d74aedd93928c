import type { z } from 'zod';
import type { StaffUserView } from '@/lib/auth/staff-accounts';
import { staffRoute } from '@/lib/auth/staff-route';
import { type ConversationStatus, conversationNotFound } from '@/lib/chat/conversations';
import type { ShopUIMessage } from '@/lib/chat/messages';
import { newMessageId, saveMessage } from '@/lib/chat/transcript';
import type { PrismaClient } from '@/lib/db/client';
import { ApiError } from '@/lib/http/errors';
import { readJsonBody } from '@/lib/http/json-body';
import type { ConsoleRuntime } from './route';
import { agentMessageSchema, type ConversationOwnershipView, ownershipChangeSchema, type StaffRef } from './transcript-schema';

/** The ownership change's body; none at all (curl without -d) means `{}`. */
async function readOwnershipChange(request: Request): Promise<z.output<typeof ownershipChangeSchema>> {
  if (request.body === null || request.headers.get('content-length') === '0') return {};
  return readJsonBody(request, ownershipChangeSchema, { shape: '{ force?: boolean }', label: 'request', maxBytes: 1024 });
}

const OWNERSHIP_VIEW = {
  id: true,
  status: true,
  closedAt: true,
  assignedStaff: { select: { id: true, name: true } },
} as const;

function ownershipView(row: {
  id: string;
  status: ConversationStatus;
  closedAt: Date | null;
  assignedStaff: StaffRef | null;
}): ConversationOwnershipView {
  return { ...row, closedAt: row.closedAt?.toISOString() ?? null };
}

/**
 * Changes who holds a conversation, unless another member of staff holds it (status human): then
 * 409 naming them, unless an admin asks with `force`. One conditional UPDATE, so two people taking
 * the same conversation at once cannot both win.
 */
async function changeOwnership(
  db: PrismaClient,
  conversationId: string,
  me: StaffUserView,
  force: boolean,
  change: { status: ConversationStatus; assignedStaffId?: string | null; closedAt: Date | null },
): Promise<ConversationOwnershipView> {
  const overriding = force && me.role === 'admin';
  const { count } = await db.conversation.updateMany({
    where: {
      id: conversationId,
      ...(!overriding && { OR: [{ status: { not: 'human' } }, { assignedStaffId: null }, { assignedStaffId: me.id }] }),
    },
    data: change,
  });
  const row = await db.conversation.findUnique({ where: { id: conversationId }, select: OWNERSHIP_VIEW });
  if (!row) throw conversationNotFound();
  if (count === 0) {
    const holder = row.assignedStaff?.name ?? 'Another member of staff';
    throw new ApiError(
      'conflict',
      me.role === 'admin'
        ? `${holder} has this conversation. Send { "force": true } to act on it anyway.`
        : `${holder} has this conversation.`,
      { details: { assignedStaff: row.assignedStaff } },
    );
  }
  return ownershipView(row);
}

/** Take over: the bot stops answering and this member of staff answers the shopper. */
export function takeConversation(db: PrismaClient, id: string, me: StaffUserView, force = false) {
  return changeOwnership(db, id, me, force, { status: 'human', assignedStaffId: me.id, closedAt: null });
}

/** Hand back to the bot: it answers the shopper's next message. */
export function releaseConversation(db: PrismaClient, id: string, me: StaffUserView, force = false) {
  return changeOwnership(db, id, me, force, { status: 'bot', assignedStaffId: null, closedAt: null });
}

/** Close: done. Whoever handled it stays assigned, for the record; the shopper writing again reopens it with the bot. */
export function closeConversation(db: PrismaClient, id: string, me: StaffUserView, now: Date, force = false) {
  return changeOwnership(db, id, me, force, { status: 'closed', closedAt: now });
}

export interface AgentMessageView {
  id: string;
  text: string;
  createdAt: string;
  author: StaffRef;
}

/**
 * Posts a staff reply into the conversation, shown to the shopper as the shop's with the writer's
 * name. Only the member of staff holding the conversation may (checked under saveMessage's lock,
 * so a release or another take cannot slip in between): anyone else gets 409, an unknown id 404.
 */
export async function postAgentMessage(
  db: PrismaClient,
  conversationId: string,
  me: StaffUserView,
  text: string,
  now: Date,
): Promise<AgentMessageView> {
  const message: ShopUIMessage = {
    id: newMessageId(),
    role: 'assistant',
    parts: [{ type: 'text', text }],
    metadata: { createdAt: now.toISOString(), agentName: me.name },
  };
  const posted = await saveMessage(db, conversationId, message, undefined, [], {
    staffUserId: me.id,
    onlyIf: (ownership) => ownership.status === 'human' && ownership.assignedStaffId === me.id,
  });
  if (!posted) {
    const exists = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    if (!exists) throw conversationNotFound();
    throw new ApiError('conflict', 'Take the conversation over before replying: only the member of staff who has it can write.');
  }
  return { id: message.id, text, createdAt: now.toISOString(), author: { id: me.id, name: me.name } };
}

type OwnershipAction = 'take' | 'release' | 'close';

/** POST /api/console/conversations/{id}/take | release | close [{ force }] → 200 { conversation }. */
export function handleOwnershipChange(
  request: Request,
  runtime: ConsoleRuntime,
  conversationId: string,
  action: OwnershipAction,
): Promise<Response> {
  return staffRoute(request, runtime, async (me, headers) => {
    const { force = false } = await readOwnershipChange(request);
    const conversation =
      action === 'take'
        ? await takeConversation(runtime.db, conversationId, me, force)
        : action === 'release'
          ? await releaseConversation(runtime.db, conversationId, me, force)
          : await closeConversation(runtime.db, conversationId, me, runtime.now(), force);
    runtime.live.publish({ conversationId, kind: 'status', status: conversation.status });
    return Response.json({ conversation }, { headers });
  });
}

/** POST /api/console/conversations/{id}/messages { text } → 201 { message }. */
export function handleAgentMessage(request: Request, runtime: ConsoleRuntime, conversationId: string): Promise<Response> {
  return staffRoute(request, runtime, async (me, headers) => {
    const { text } = await readJsonBody(request, agentMessageSchema, {
      shape: '{ text }',
      label: 'message',
      maxBytes: 64 * 1024,
    });
    const message = await postAgentMessage(runtime.db, conversationId, me, text, runtime.now());
    runtime.live.publish({ conversationId, kind: 'message', status: 'human' });
    return Response.json({ message }, { status: 201, headers });
  });
}
