import type { StaffRuntime } from '@/lib/auth/staff-runtime';
import { requireStaff } from '@/lib/auth/staff-sessions';
import type { ConversationEvent, LiveBus } from '@/lib/chat/live';
import { errorResponse } from '@/lib/http/errors';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 25_000;
/** How long the browser waits before reconnecting (the stream's `retry:` line). */
const RECONNECT_MS = 3_000;
/**
 * A stream ends after this long and the browser reconnects, which checks the session again: a
 * member of staff who signed out or was disabled stops receiving within this time.
 */
const STREAM_LIFETIME_MS = 10 * 60_000;

export interface ConsoleEventStreamOptions {
  heartbeatMs?: number;
  lifetimeMs?: number;
}

/** What staff's browsers get of a change: which conversation, what kind, its status — never content. */
function relayedEvent(event: ConversationEvent): ConversationEvent {
  return {
    conversationId: event.conversationId,
    kind: event.kind,
    ...(event.status !== undefined && { status: event.status }),
    at: event.at,
  };
}

/**
 * GET /api/console/events: server-sent events for the console's live views. Any signed-in staff;
 * each conversation change on the live bus arrives as `event: conversation` with the relayed
 * event as JSON. Ends when the browser goes away (request.signal) or the stream's lifetime is up.
 */
export async function handleConsoleEvents(
  request: Request,
  runtime: StaffRuntime,
  live: LiveBus,
  options: ConsoleEventStreamOptions = {},
): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    await requireStaff(request, runtime, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let stopped = false;
      const send = (text: string) => {
        if (!stopped) controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = live.subscribe((event) => {
        send(`event: conversation\ndata: ${JSON.stringify(relayedEvent(event))}\n\n`);
      });
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      const lifetime = setTimeout(() => stop(), options.lifetimeMs ?? STREAM_LIFETIME_MS);
      stop = () => {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        request.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader: nothing left to close.
        }
      };
      request.signal.addEventListener('abort', stop);
      // The comment tells the browser (and tests) the subscription is in place.
      send(`retry: ${RECONNECT_MS}\n: connected\n\n`);
      if (request.signal.aborted) stop();
    },
    cancel() {
      stop();
    },
  });
  headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform: compression would hold the events back; X-Accel-Buffering: nginx would too.
  headers.set('Cache-Control', 'no-store, no-transform');
  headers.set('X-Accel-Buffering', 'no');
  return new Response(stream, { headers });
}
