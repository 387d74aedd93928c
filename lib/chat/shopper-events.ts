import { errorResponse } from '@/lib/http/errors';
import { eventStream, HEARTBEAT_MS, setEventStreamHeaders } from '@/lib/http/event-stream';
import { type ConversationStatus, findOwnConversation } from './conversations';
import type { ConversationEvent } from './live';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';

/** What the shopper's widget is told: new messages and status changes. Notes and labels are staff's own. */
const SHOPPER_EVENT_KINDS: ReadonlySet<ConversationEvent['kind']> = new Set(['message', 'status']);

/** One server-sent event: the widget reloads the conversation when it gets one. Ids only, never content. */
export interface ShopperEvent {
  kind: 'message' | 'status';
  /** The status after the change when the change said it, else null. */
  status: ConversationStatus | null;
}

/**
 * GET /api/conversations/{id}/events: server-sent events for the conversation's owner (the same
 * identity rules as GET /api/conversations/{id}; anyone else gets 404) while a person has it, so
 * staff replies appear at once. The first event is the current status (whatever changed between
 * the widget's last load and this stream is not missed); then a heartbeat comment every 25 s.
 */
export async function handleShopperEvents(
  request: Request,
  runtime: ChatRuntime,
  conversationId: string,
  heartbeatMs = HEARTBEAT_MS,
): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const shopper = await admitShopper(request, runtime, headers);
    const conversation = await findOwnConversation(runtime.db, conversationId, shopper);
    setEventStreamHeaders(headers);
    const stream = eventStream({
      signal: request.signal,
      subscribe: (send) =>
        runtime.live.subscribe((event) => {
          if (event.conversationId === conversation.id && SHOPPER_EVENT_KINDS.has(event.kind)) {
            send(shopperEvent({ kind: event.kind === 'message' ? 'message' : 'status', status: event.status ?? null }));
          }
        }),
      opening: shopperEvent({ kind: 'status', status: conversation.status }),
      heartbeatMs,
    });
    return new Response(stream, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

function shopperEvent(event: ShopperEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}
