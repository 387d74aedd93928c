import { errorResponse } from '@/lib/http/errors';
import type { StaffUserView } from './staff-accounts';
import type { StaffRuntime } from './staff-runtime';
import { requireStaff } from './staff-sessions';

/**
 * The frame of every staff route: the signed-in member of staff first (401, or 403 without the
 * role), then the route's own steps; errors become the one error body. Never cached.
 */
export async function staffRoute(
  request: Request,
  runtime: StaffRuntime,
  run: (me: StaffUserView, headers: Headers) => Promise<Response>,
  options: { role?: 'admin' } = {},
): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const me = await requireStaff(request, runtime, { ...options, headers });
    return await run(me, headers);
  } catch (error) {
    return errorResponse(error, headers);
  }
}
