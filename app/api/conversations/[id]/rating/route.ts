import { handleRatingRequest } from '@/lib/chat/ending';
import { withChatRuntime } from '@/lib/chat/runtime';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withChatRuntime((runtime) => handleRatingRequest(request, runtime, id));
}
