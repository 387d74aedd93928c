import { cookies } from 'next/headers';
import type { StaffUserView } from './staff-accounts';
import { getStaffRuntime } from './staff-runtime';
import { resumeStaffSession, STAFF_SESSION_COOKIE } from './staff-sessions';

/**
 * The signed-in member of staff for a console page (server components), or null. Pages cannot set
 * cookies: the session still slides in the database, and the console's API calls renew the cookie.
 */
export async function signedInStaff(): Promise<StaffUserView | null> {
  const token = (await cookies()).get(STAFF_SESSION_COOKIE)?.value ?? null;
  const session = await resumeStaffSession(await getStaffRuntime(), token);
  return session?.user ?? null;
}
