import { handleHistoryRequest } from '@/lib/chat/history';
import { withChatRuntime } from '@/lib/chat/runtime';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withChatRuntime((runtime) => handleHistoryRequest(request, runtime, id));
}
