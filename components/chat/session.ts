import { z } from 'zod';
import { SESSION_ID_PATTERN, type WidgetSession } from '@/lib/embed/protocol';

export const widgetSessionSchema = z.object({
  conversationId: z.string().regex(SESSION_ID_PATTERN),
  visitorSecret: z.string().regex(SESSION_ID_PATTERN),
  token: z.string().min(1).max(8_192).nullable(),
}) satisfies z.ZodType<WidgetSession>;

const URL_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SESSION_ID_LENGTH = 32;

/** 32 random URL-safe characters (192 bits): a conversation id or visitor secret the API accepts. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SESSION_ID_LENGTH));
  // 256 is a multiple of 64, so the low six bits pick every character with the same chance.
  return Array.from(bytes, (byte) => URL_SAFE_ALPHABET[byte & 63]).join('');
}

export function sameSession(first: WidgetSession | null, second: WidgetSession): boolean {
  return (
    first !== null &&
    first.conversationId === second.conversationId &&
    first.visitorSecret === second.visitorSecret &&
    first.token === second.token
  );
}

/** Where /embed opened on its own (not framed by a storefront) keeps its session. */
const STANDALONE_SESSION_KEY = 'shopchat:session';

/** The stored standalone session, or a new anonymous one (kept for next time when storage allows). */
export function loadStandaloneSession(): WidgetSession {
  const stored = readStorage();
  const parsed = stored === null ? null : widgetSessionSchema.safeParse(safeJsonParse(stored));
  if (parsed?.success) return parsed.data;
  const session: WidgetSession = { conversationId: newSessionId(), visitorSecret: newSessionId(), token: null };
  saveStandaloneSession(session);
  return session;
}

export function saveStandaloneSession(session: WidgetSession): void {
  try {
    localStorage.setItem(STANDALONE_SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage blocked (private mode, policy): the session lasts as long as the page.
  }
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STANDALONE_SESSION_KEY);
  } catch {
    return null;
  }
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
