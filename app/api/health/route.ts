import { healthReport } from '@/lib/chat/health';
import { withChatRuntime } from '@/lib/chat/runtime';

export async function GET(): Promise<Response> {
  return withChatRuntime(async (runtime) => Response.json(healthReport(runtime)));
}
