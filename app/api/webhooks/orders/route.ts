import { withChatRuntime } from '@/lib/chat/runtime';
import { handleOrderWebhook } from '@/lib/webhooks/inbound';

/** The shop's systems report an order's new status (signed; see lib/webhooks/inbound.ts). */
export async function POST(request: Request): Promise<Response> {
  return withChatRuntime((runtime) => handleOrderWebhook(request, runtime));
}
