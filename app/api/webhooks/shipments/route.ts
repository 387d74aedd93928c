import { withChatRuntime } from '@/lib/chat/runtime';
import { handleShipmentWebhook } from '@/lib/webhooks/inbound';

/** The shop's systems report a carrier's tracking update (signed; see lib/webhooks/inbound.ts). */
export async function POST(request: Request): Promise<Response> {
  return withChatRuntime((runtime) => handleShipmentWebhook(request, runtime));
}
