import { withChatRuntime } from '@/lib/chat/runtime';
import { handleShopperEvents } from '@/lib/chat/shopper-events';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withChatRuntime((runtime) => handleShopperEvents(request, runtime, id));
}
