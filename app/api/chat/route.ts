import { handleChatRequest } from '@/lib/chat/handler';
import { type ChatRuntime, getChatRuntime } from '@/lib/chat/runtime';
import { ApiError, errorResponse } from '@/lib/http/errors';

// Answers can take a while (several tool steps); the turn keeps running if the shopper leaves.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  let runtime: ChatRuntime;
  try {
    runtime = await getChatRuntime();
  } catch (error) {
    console.error('[chat] not ready', error);
    return errorResponse(
      new ApiError('unavailable', 'The assistant is starting up or its database is unavailable. Please try again shortly.'),
    );
  }
  return handleChatRequest(request, runtime);
}
