import type { StaffUserView } from '@/lib/auth/staff-accounts';
import { staffRoute } from '@/lib/auth/staff-route';
import { conversationNotFound } from '@/lib/chat/conversations';
import type { PrismaClient } from '@/lib/db/client';
import { readJsonBody } from '@/lib/http/json-body';
import type { ConsoleRuntime } from './route';
import { type ConsoleNote, labelsSchema, newNoteSchema } from './transcript-schema';

// Notes and labels are staff's own: never in the shopper's transcript, never sent to the widget.

const NOTE_VIEW = { id: true, body: true, createdAt: true, staffUser: { select: { id: true, name: true } } } as const;

function noteView(row: { id: string; body: string; createdAt: Date; staffUser: { id: string; name: string } }): ConsoleNote {
  return { id: row.id, body: row.body, createdAt: row.createdAt.toISOString(), author: row.staffUser };
}

/** The conversation's notes, newest first. */
export async function listNotes(db: PrismaClient, conversationId: string): Promise<ConsoleNote[]> {
  const rows = await db.conversationNote.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: NOTE_VIEW,
  });
  return rows.map(noteView);
}

/** Adds a note by `author`; an unknown conversation is 404. */
export async function addNote(
  db: PrismaClient,
  conversationId: string,
  author: StaffUserView,
  body: string,
  now: Date,
): Promise<ConsoleNote> {
  await requireConversation(db, conversationId);
  const row = await db.conversationNote.create({
    data: { conversationId, staffUserId: author.id, body, createdAt: now },
    select: NOTE_VIEW,
  });
  return noteView(row);
}

/** Replaces the conversation's labels; returns them as stored. */
export async function setLabels(db: PrismaClient, conversationId: string, labels: string[]): Promise<string[]> {
  const { count } = await db.conversation.updateMany({ where: { id: conversationId }, data: { labels } });
  if (count === 0) throw conversationNotFound();
  return labels;
}

async function requireConversation(db: PrismaClient, conversationId: string): Promise<void> {
  const exists = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
  if (!exists) throw conversationNotFound();
}

/** GET /api/console/conversations/{id}/notes → 200 { notes } (newest first). */
export function handleListNotes(request: Request, runtime: ConsoleRuntime, conversationId: string): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    await requireConversation(runtime.db, conversationId);
    return Response.json({ notes: await listNotes(runtime.db, conversationId) }, { headers });
  });
}

/** POST /api/console/conversations/{id}/notes { body } → 201 { note }. */
export function handleAddNote(request: Request, runtime: ConsoleRuntime, conversationId: string): Promise<Response> {
  return staffRoute(request, runtime, async (me, headers) => {
    const { body } = await readJsonBody(request, newNoteSchema, { shape: '{ body }', label: 'note', maxBytes: 32 * 1024 });
    const note = await addNote(runtime.db, conversationId, me, body, runtime.now());
    runtime.live.publish({ conversationId, kind: 'note' });
    return Response.json({ note }, { status: 201, headers });
  });
}

/** PUT /api/console/conversations/{id}/labels { labels } → 200 { labels }. */
export function handleSetLabels(request: Request, runtime: ConsoleRuntime, conversationId: string): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const { labels } = await readJsonBody(request, labelsSchema, {
      shape: '{ labels: string[] }',
      label: 'labels',
      maxBytes: 16 * 1024,
    });
    const stored = await setLabels(runtime.db, conversationId, labels);
    runtime.live.publish({ conversationId, kind: 'labels' });
    return Response.json({ labels: stored }, { headers });
  });
}
