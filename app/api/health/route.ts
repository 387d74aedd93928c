import { getChatRuntime } from '@/lib/chat/runtime';
import { healthReport } from '@/lib/chat/health';

export async function GET(): Promise<Response> {
  return Response.json(healthReport(await getChatRuntime()));
}
