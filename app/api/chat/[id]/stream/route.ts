import { handleResumeRequest } from '@/lib/chat/resume';
import { withChatRuntime } from '@/lib/chat/runtime';

// A resumed answer runs as long as the answer it follows.
export const maxDuration = 300;

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withChatRuntime((runtime) => handleResumeRequest(request, runtime, id));
}
