import { checkHealth } from '@/lib/chat/health';
import { withChatRuntime } from '@/lib/chat/runtime';

/** Readiness: the database and Redis are checked on every call. */
export async function GET(): Promise<Response> {
  return withChatRuntime(async (runtime) => {
    const { httpStatus, report } = await checkHealth(runtime);
    return Response.json(report, { status: httpStatus, headers: { 'Cache-Control': 'no-store' } });
  });
}
