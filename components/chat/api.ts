import { validateUIMessages } from 'ai';
import { z } from 'zod';
import type { ConversationStatus } from '@/lib/chat/conversations';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetSession } from '@/lib/embed/protocol';
import { apiErrorBodySchema } from '@/lib/http/error-body';

/** A non-2xx answer from the shopper API. Network failures stay TypeErrors, as fetch throws them. */
export class ChatApiError extends Error {
  override readonly name = 'ChatApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

async function chatApiErrorFrom(response: Response): Promise<ChatApiError> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  const fromHeader = retryAfterSeconds(response.headers.get('retry-after'));
  if (!body.success) return new ChatApiError(response.status, 'unknown', response.statusText, fromHeader);
  const { code, message, retryAfterSeconds: fromBody } = body.data.error;
  return new ChatApiError(response.status, code, message, fromHeader ?? fromBody ?? null);
}

/** fetch for the chat transport: a non-2xx answer throws a ChatApiError the widget can explain. */
export async function fetchOrThrow(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (!response.ok) throw await chatApiErrorFrom(response);
  return response;
}

/** Who is asking: the signed-in shopper's token, else the anonymous visitor's secret. */
export function identityHeaders(session: WidgetSession): Record<string, string> {
  return session.token ? { Authorization: `Bearer ${session.token}` } : { 'X-Shopchat-Visitor': session.visitorSecret };
}

function conversationUrl(conversationId: string, action?: 'close' | 'rating'): string {
  const base = `/api/conversations/${encodeURIComponent(conversationId)}`;
  return action ? `${base}/${action}` : base;
}

export const conversationStatusSchema = z.enum([
  'bot',
  'waiting_human',
  'human',
  'closed',
]) satisfies z.ZodType<ConversationStatus>;

const historySchema = z.object({ id: z.string(), status: conversationStatusSchema, messages: z.array(z.unknown()) });

export interface ConversationHistory {
  status: ConversationStatus;
  messages: ShopUIMessage[];
}

/** GET /api/conversations/{id}: what the shopper saw so far, or null for a conversation not started yet. */
export async function fetchConversation(
  conversationId: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<ConversationHistory | null> {
  const response = await fetch(conversationUrl(conversationId), { headers, signal, cache: 'no-store' });
  if (response.status === 404) return null;
  if (!response.ok) throw await chatApiErrorFrom(response);
  const body = historySchema.parse(await response.json());
  // validateUIMessages refuses an empty list; a conversation can exist before its first message is stored.
  const messages = body.messages.length === 0 ? [] : await validateUIMessages<ShopUIMessage>({ messages: body.messages });
  return { status: body.status, messages };
}

async function postJson(url: string, headers: Record<string, string>, body: object | null): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === null ? null : JSON.stringify(body),
  });
  if (!response.ok) throw await chatApiErrorFrom(response);
  return response.json();
}

const closedSchema = z.object({ id: z.string(), status: z.literal('closed') });

/** POST /api/conversations/{id}/close. */
export async function closeConversation(conversationId: string, headers: Record<string, string>): Promise<void> {
  closedSchema.parse(await postJson(conversationUrl(conversationId, 'close'), headers, null));
}

/** What the rating route accepts (lib/chat/ending.ts, a server module). */
export const MAX_RATING_COMMENT_CHARACTERS = 1_000;

export interface RatingInput {
  score: number;
  comment: string;
}

const ratedSchema = z.object({ id: z.string(), rating: z.object({ score: z.number(), comment: z.string().nullable() }) });

/** POST /api/conversations/{id}/rating. */
export async function rateConversation(
  conversationId: string,
  headers: Record<string, string>,
  { score, comment }: RatingInput,
): Promise<void> {
  const trimmed = comment.trim();
  const body = trimmed ? { score, comment: trimmed } : { score };
  ratedSchema.parse(await postJson(conversationUrl(conversationId, 'rating'), headers, body));
}

export type ChatErrorKind = 'offline' | 'rate_limited' | 'signed_out' | 'server';

export interface ChatErrorView {
  kind: ChatErrorKind;
  /** For rate_limited: how long to wait before retrying. */
  retryAfterSeconds: number;
}

/** When a 429 names no wait (it always should): a short pause rather than an instant retry. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** What to tell the shopper about a failed request. */
export function classifyChatError(error: unknown): ChatErrorView {
  if (error instanceof ChatApiError) {
    if (error.status === 429) {
      return { kind: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS };
    }
    if (error.status === 401 && error.code === 'unauthorized') return { kind: 'signed_out', retryAfterSeconds: 0 };
    return { kind: 'server', retryAfterSeconds: 0 };
  }
  // fetch rejects with a TypeError when the network is down or the connection drops mid-answer.
  if (error instanceof TypeError) return { kind: 'offline', retryAfterSeconds: 0 };
  return { kind: 'server', retryAfterSeconds: 0 };
}
