import { handleCloseRequest } from '@/lib/chat/ending';
import { withChatRuntime } from '@/lib/chat/runtime';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withChatRuntime((runtime) => handleCloseRequest(request, runtime, id));
}
