import { createHash, randomBytes } from 'node:crypto';
import { readCookie } from '@/lib/http/cookies';

export const VISITOR_COOKIE = 'shopchat_visitor';
/** Same secret, for widgets that cannot use third-party cookies (the loader keeps it in the storefront's storage). */
export const VISITOR_HEADER = 'x-shopchat-visitor';

export interface Visitor {
  /** Stored on the conversation: the secret itself never reaches the database. */
  visitorHash: string;
  /** Set when the visitor is new: the secret to hand back in a cookie. */
  newSecret: string | null;
}

const SECRET_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** The anonymous visitor behind a request: their secret from the cookie or header, or a new one. */
export function identifyVisitor(request: Request): Visitor {
  const presented = request.headers.get(VISITOR_HEADER) ?? readCookie(request.headers.get('cookie'), VISITOR_COOKIE);
  if (presented && SECRET_PATTERN.test(presented)) return { visitorHash: hashVisitorSecret(presented), newSecret: null };
  const secret = randomBytes(32).toString('base64url');
  return { visitorHash: hashVisitorSecret(secret), newSecret: secret };
}

export function hashVisitorSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * HttpOnly so page scripts cannot read it. The widget lives in an iframe on the storefront, so on
 * secure origins (and localhost) it is a partitioned SameSite=None cookie; plain-HTTP hosts get Lax.
 */
export function visitorCookie(secret: string, requestUrl: string): string {
  const url = new URL(requestUrl);
  const secureContext = url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  const attributes = secureContext ? 'SameSite=None; Secure; Partitioned' : 'SameSite=Lax';
  return `${VISITOR_COOKIE}=${secret}; Path=/api; HttpOnly; Max-Age=31536000; ${attributes}`;
}
