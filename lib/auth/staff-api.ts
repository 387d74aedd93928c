import { clientAddress } from '@/lib/http/client-address';
import { errorResponse } from '@/lib/http/errors';
import { readJsonBody } from '@/lib/http/json-body';
import { staffRoute } from './staff-route';
import type { StaffRuntime } from './staff-runtime';
import {
  clearedStaffSessionCookie,
  endStaffSession,
  readStaffSessionToken,
  staffSessionCookie,
  startStaffSession,
  wantsSecureCookie,
} from './staff-sessions';
import { credentialsSchema, signIn } from './staff-sign-in';

// Same-origin only (CSRF): proxy.ts refuses other sites' browsers before these run.

/** POST /api/staff/login {email, password} → 200 {user} and the session cookie. */
export async function handleStaffLogin(request: Request, runtime: StaffRuntime): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const credentials = await readJsonBody(request, credentialsSchema, {
      shape: '{ email, password }',
      label: 'sign-in',
      maxBytes: 16 * 1024,
    });
    const user = await signIn(runtime, credentials, clientAddress(request));
    // Signing in again (perhaps as someone else) ends the browser's previous session.
    const previousToken = readStaffSessionToken(request);
    if (previousToken) await endStaffSession(runtime.db, previousToken);
    const token = await startStaffSession(runtime, user.id, request);
    headers.append('Set-Cookie', staffSessionCookie(token, wantsSecureCookie(request, runtime)));
    return Response.json({ user }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/** POST /api/staff/logout → 204: the session is deleted and the cookie cleared (signed in or not). */
export async function handleStaffLogout(request: Request, runtime: StaffRuntime): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const token = readStaffSessionToken(request);
    if (token) await endStaffSession(runtime.db, token);
    headers.append('Set-Cookie', clearedStaffSessionCookie(wantsSecureCookie(request, runtime)));
    return new Response(null, { status: 204, headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/** GET /api/staff/me → 200 {user} for a live session, else 401. */
export function handleStaffMe(request: Request, runtime: StaffRuntime): Promise<Response> {
  return staffRoute(request, runtime, async (user, headers) => Response.json({ user }, { headers }));
}
