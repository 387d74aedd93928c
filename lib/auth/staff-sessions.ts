import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db/client';
import { clientAddress } from '@/lib/http/client-address';
import { readCookie } from '@/lib/http/cookies';
import { ApiError } from '@/lib/http/errors';
import { STAFF_USER_VIEW, type StaffUserView } from './staff-accounts';
import type { StaffRuntime } from './staff-runtime';

export const STAFF_SESSION_COOKIE = 'shopchat_staff';
export const STAFF_SESSION_LIFETIME_SECONDS = 12 * 60 * 60;
/** A session in use slides its expiry forward, writing to the database at most this often. */
export const SESSION_RENEWAL_INTERVAL_MS = 60_000;

// 32 random bytes, base64url without padding.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_USER_AGENT_LENGTH = 512;

/** The row's id: a stolen copy of the database holds no usable session. */
function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + STAFF_SESSION_LIFETIME_SECONDS * 1000);
}

/** The session token the browser sent, if it has the shape of one. */
export function readStaffSessionToken(request: Request): string | null {
  const token = readCookie(request.headers.get('cookie'), STAFF_SESSION_COOKIE);
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

/** Secure when the browser reached the app over HTTPS (directly, or as a proxy reports it), and always in production. */
export function wantsSecureCookie(request: Request, runtime: Pick<StaffRuntime, 'production'>): boolean {
  if (runtime.production) return true;
  const forwardedProtocol = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwardedProtocol ?? new URL(request.url).protocol.replace(/:$/, '')) === 'https';
}

/** HttpOnly (page scripts cannot read it), SameSite=Lax (other sites' forms and fetches do not carry it), for the whole app. */
export function staffSessionCookie(token: string, secure: boolean): string {
  return `${STAFF_SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${STAFF_SESSION_LIFETIME_SECONDS}${secure ? '; Secure' : ''}`;
}

export function clearedStaffSessionCookie(secure: boolean): string {
  return `${STAFF_SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Stores a new session for a signed-in member of staff; returns the token for the cookie (never stored). */
export async function startStaffSession(runtime: StaffRuntime, staffUserId: string, request: Request): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = runtime.now();
  const address = clientAddress(request);
  await runtime.db.$transaction([
    // Their sessions that ran out are of no use to anyone: tidy up while we are here.
    runtime.db.staffSession.deleteMany({ where: { staffUserId, expiresAt: { lte: now } } }),
    runtime.db.staffSession.create({
      data: {
        id: hashSessionToken(token),
        staffUserId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: expiryFrom(now),
        userAgent: request.headers.get('user-agent')?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
        ip: address === 'unknown' ? null : address,
      },
    }),
  ]);
  return token;
}

export interface ResumedStaffSession {
  user: StaffUserView;
  /** The expiry slid forward: the cookie should be sent again with a fresh Max-Age. */
  renewed: boolean;
}

/**
 * The member of staff a session token belongs to, or null when it is unknown, expired or their
 * account has been disabled (such sessions are deleted on sight).
 */
export async function resumeStaffSession(runtime: StaffRuntime, token: string | null): Promise<ResumedStaffSession | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const session = await runtime.db.staffSession.findUnique({
    where: { id: hashSessionToken(token) },
    select: { id: true, expiresAt: true, lastSeenAt: true, staffUser: { select: { ...STAFF_USER_VIEW, disabledAt: true } } },
  });
  if (!session) return null;
  const now = runtime.now();
  const { disabledAt, ...user } = session.staffUser;
  if (session.expiresAt <= now || disabledAt !== null) {
    await runtime.db.staffSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() < SESSION_RENEWAL_INTERVAL_MS) return { user, renewed: false };
  // updateMany: a sign-out in between leaves nothing to renew, which is fine.
  await runtime.db.staffSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now, expiresAt: expiryFrom(now) } });
  return { user, renewed: true };
}

export async function endStaffSession(db: PrismaClient, token: string): Promise<void> {
  await db.staffSession.deleteMany({ where: { id: hashSessionToken(token) } });
}

/**
 * The signed-in member of staff behind a request, or ApiError 401 (no session, or it ended) /
 * 403 (an agent where an admin is required). With `headers`, the response gets the renewed
 * cookie when the session slid forward, and a stale cookie is cleared.
 */
export async function requireStaff(
  request: Request,
  runtime: StaffRuntime,
  options: { role?: 'admin'; headers?: Headers } = {},
): Promise<StaffUserView> {
  const { role, headers } = options;
  const token = readStaffSessionToken(request);
  if (!token) throw new ApiError('unauthorized', 'Sign in to the staff console first.');
  const secure = wantsSecureCookie(request, runtime);
  const session = await resumeStaffSession(runtime, token);
  if (!session) {
    headers?.append('Set-Cookie', clearedStaffSessionCookie(secure));
    throw new ApiError('unauthorized', 'Your session has ended. Please sign in again.');
  }
  if (session.renewed) headers?.append('Set-Cookie', staffSessionCookie(token, secure));
  if (role === 'admin' && session.user.role !== 'admin') throw new ApiError('forbidden', 'Only an administrator can do this.');
  return session.user;
}
