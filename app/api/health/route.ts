import { healthReport } from '@/lib/chat/health';
import { getChatRuntime } from '@/lib/chat/runtime';

export async function GET(): Promise<Response> {
  return Response.json(healthReport(await getChatRuntime()));
}
