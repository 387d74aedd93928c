import { handleChatRequest } from '@/lib/chat/handler';
import { withChatRuntime } from '@/lib/chat/runtime';

// Answers can take a while (several tool steps); the turn keeps running if the shopper leaves.
export const maxDuration = 300;

export async function POST(request: Request): Promise<Response> {
  return withChatRuntime((runtime) => handleChatRequest(request, runtime));
}
