import { z } from 'zod';
import {
  type ConsoleConversation,
  type ConsoleNote,
  type ConversationOwnershipView,
  consoleConversationSchema,
  consoleNoteSchema,
  conversationOwnershipSchema,
} from '@/lib/console/transcript-schema';
import { consoleRequest as request } from './api';

function conversationUrl(id: string, action?: string): string {
  const base = `/api/console/conversations/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

export function fetchConsoleConversation(id: string, signal?: AbortSignal): Promise<ConsoleConversation> {
  return request(conversationUrl(id), z.object({ conversation: consoleConversationSchema }), { signal }).then(
    (body) => body.conversation,
  );
}

export type OwnershipAction = 'take' | 'release' | 'close';

/** Take over, hand back to the bot, or close; `force` (admins) acts on a conversation someone else has. */
export function changeOwnership(id: string, action: OwnershipAction, force = false): Promise<ConversationOwnershipView> {
  return request(conversationUrl(id, action), z.object({ conversation: conversationOwnershipSchema }), {
    method: 'POST',
    body: force ? { force } : {},
  }).then((body) => body.conversation);
}

export async function sendAgentMessage(id: string, text: string): Promise<void> {
  await request(conversationUrl(id, 'messages'), z.object({ message: z.object({ id: z.string() }) }), {
    method: 'POST',
    body: { text },
  });
}

export function addNote(id: string, body: string): Promise<ConsoleNote> {
  return request(conversationUrl(id, 'notes'), z.object({ note: consoleNoteSchema }), { method: 'POST', body: { body } }).then(
    (response) => response.note,
  );
}

export function saveLabels(id: string, labels: string[]): Promise<string[]> {
  return request(conversationUrl(id, 'labels'), z.object({ labels: z.array(z.string()) }), {
    method: 'PUT',
    body: { labels },
  }).then((body) => body.labels);
}
