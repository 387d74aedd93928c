import { afterAll, beforeAll } from 'vitest';
import { createStaffUser, type StaffUserView } from '@/lib/auth/staff-accounts';
import { createStaffRuntime, type StaffRuntime } from '@/lib/auth/staff-runtime';
import { STAFF_SESSION_COOKIE, startStaffSession } from '@/lib/auth/staff-sessions';
import type { Database, DatabaseKind, PrismaClient } from '@/lib/db/client';
import { openTestDatabase } from './test-database';

export const APP_ORIGIN = 'http://127.0.0.1:3000';

export interface StaffRequestOptions {
  method?: string;
  body?: unknown;
  /** The session token to send as the staff cookie. */
  session?: string | null;
  ip?: string;
  url?: string;
  headers?: Record<string, string>;
}

/** A request as the console's own page sends it (same origin), to a staff API path. */
export function staffRequest(path: string, options: StaffRequestOptions = {}): Request {
  const headers = new Headers({
    'x-forwarded-for': options.ip ?? '198.51.100.1',
    'user-agent': 'StaffTest/1.0',
    origin: APP_ORIGIN,
    ...options.headers,
  });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.session) headers.set('cookie', `${STAFF_SESSION_COOKIE}=${options.session}`);
  const body = options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return new Request(`${options.url ?? APP_ORIGIN}${path}`, { method: options.method ?? 'POST', headers, body });
}

/** A live session for the account: the token the console's cookie would carry. */
export function sessionFor(runtime: StaffRuntime, user: StaffUserView): Promise<string> {
  return startStaffSession(runtime, user.id, staffRequest('/api/staff/login'));
}

export function loginRequest(email: string, password: string, options: StaffRequestOptions = {}): Request {
  return staffRequest('/api/staff/login', { ...options, body: { email, password } });
}

export interface SetCookie {
  value: string;
  attributes: string[];
}

/** The staff cookie a response sets, or null when it sets none. */
export function staffCookieSet(response: Response): SetCookie | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const [name, ...value] = pair.split('=');
    if (name === STAFF_SESSION_COOKIE) return { value: value.join('='), attributes };
  }
  return null;
}

export interface StaffHarness {
  db: PrismaClient;
  runtime: StaffRuntime;
  /** Moves the runtime's clock (sessions, throttling) forward. */
  advance(milliseconds: number): void;
  /** A new account with a unique email and a known password. */
  addStaff(overrides?: { email?: string; name?: string; role?: 'admin' | 'agent' }): Promise<{
    user: StaffUserView;
    password: string;
  }>;
}

let accounts = 0;

/** For the enclosing describe block: a fresh migrated database and a staff runtime on a test clock. */
export function useStaffHarness(kind: DatabaseKind, env: Record<string, string> = {}): () => StaffHarness {
  let database: Database | undefined;
  let harness: StaffHarness | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    let now = new Date('2026-06-01T09:00:00Z').getTime();
    const runtime = createStaffRuntime(database, env, () => new Date(now));
    harness = {
      db: database.prisma,
      runtime,
      advance: (milliseconds) => {
        now += milliseconds;
      },
      addStaff: async (overrides = {}) => {
        accounts++;
        const password = `correct horse battery ${accounts}`;
        const user = await createStaffUser(runtime.db, {
          email: overrides.email ?? `staff-${accounts}@shop.example`,
          name: overrides.name ?? `Staff Member ${accounts}`,
          role: overrides.role ?? 'agent',
          password,
        });
        return { user, password };
      },
    };
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!harness) throw new Error('useStaffHarness: used before beforeAll ran');
    return harness;
  };
}
