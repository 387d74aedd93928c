import { z } from 'zod';
import {
  type ConsoleConversation,
  type ConsoleNote,
  type ConversationOwnershipView,
  consoleConversationSchema,
  consoleNoteSchema,
  conversationOwnershipSchema,
} from '@/lib/console/transcript-schema';
import { apiErrorBodySchema } from '@/lib/http/error-body';
import { OFFLINE_MESSAGE } from './api';

/** A refused console request, with the server's own words (written for people). */
export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function conversationUrl(id: string, action?: string): string {
  const base = `/api/console/conversations/${encodeURIComponent(id)}`;
  return action ? `${base}/${action}` : base;
}

/** fetch, then the JSON body checked against `schema`; a refusal or no connection throws ConsoleApiError. */
async function request<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.output<Schema>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      cache: 'no-store',
      signal: init.signal,
      ...(init.body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ConsoleApiError(0, OFFLINE_MESSAGE);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const body = apiErrorBodySchema.safeParse(json);
    throw new ConsoleApiError(
      response.status,
      body.success ? body.data.error.message : `Something went wrong (${response.status}). Please try again.`,
    );
  }
  return schema.parse(json);
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
