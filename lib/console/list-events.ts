import { staffRoute } from '@/lib/auth/staff-route';
import type { ConversationEvent } from '@/lib/chat/live';
import { eventStream, setEventStreamHeaders } from '@/lib/http/event-stream';
import type { ConsoleRuntime } from './route';

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
export function handleConsoleEvents(
  request: Request,
  runtime: ConsoleRuntime,
  options: ConsoleEventStreamOptions = {},
): Promise<Response> {
  return staffRoute(request, runtime, async (_me, headers) => {
    const stream = eventStream({
      signal: request.signal,
      subscribe: (send) =>
        runtime.live.subscribe((event) => send(`event: conversation\ndata: ${JSON.stringify(relayedEvent(event))}\n\n`)),
      // The comment tells the browser (and tests) the subscription is in place.
      opening: `retry: ${RECONNECT_MS}\n: connected\n\n`,
      ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
      lifetimeMs: options.lifetimeMs ?? STREAM_LIFETIME_MS,
    });
    setEventStreamHeaders(headers);
    // no-transform: compression would hold the events back.
    headers.set('Cache-Control', 'no-store, no-transform');
    return new Response(stream, { headers });
  });
}
