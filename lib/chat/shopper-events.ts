import { errorResponse } from '@/lib/http/errors';
import { type ConversationStatus, findOwnConversation } from './conversations';
import type { ConversationEvent, LiveBus } from './live';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';

/** Often enough that proxies and load balancers never close the idle stream. */
export const HEARTBEAT_MS = 25_000;

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
    headers.set('Content-Type', 'text/event-stream; charset=utf-8');
    // nginx and friends would otherwise hold the events back in their buffers.
    headers.set('X-Accel-Buffering', 'no');
    const stream = conversationEventStream(runtime.live, conversation, request.signal, heartbeatMs);
    return new Response(stream, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

function conversationEventStream(
  live: LiveBus,
  conversation: { id: string; status: ConversationStatus },
  disconnected: AbortSignal,
  heartbeatMs: number,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let stopped = false;
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The reader went away without us hearing of it: stop listening.
          stop();
        }
      };
      const sendEvent = (event: ShopperEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = live.subscribe((event) => {
        if (event.conversationId === conversation.id && SHOPPER_EVENT_KINDS.has(event.kind)) {
          sendEvent({ kind: event.kind === 'message' ? 'message' : 'status', status: event.status ?? null });
        }
      });
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      const onDisconnect = () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed: the reader cancelled first.
        }
      };
      stop = () => {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        clearInterval(heartbeat);
        disconnected.removeEventListener('abort', onDisconnect);
      };
      sendEvent({ kind: 'status', status: conversation.status });
      if (disconnected.aborted) onDisconnect();
      else disconnected.addEventListener('abort', onDisconnect, { once: true });
    },
    cancel() {
      stop();
    },
  });
}
