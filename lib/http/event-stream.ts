import { shutdownSignal } from './shutdown';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000;

/**
 * A server-sent-events body fed by a subscription: it writes what the subscriber sends, a heartbeat
 * comment while nothing happens (so proxies and load balancers keep the idle stream open), and
 * stops listening as soon as the client goes away, the reader cancels, its lifetime is up or the
 * server shuts down (the client reconnects, to another instance).
 */
export function eventStream(options: {
  /** The request's signal: aborts when the client disconnects. */
  signal: AbortSignal;
  /** Starts listening; returns the function that stops. */
  subscribe: (send: (text: string) => void) => () => void;
  /** Written first, once the subscription is in place. */
  opening: string;
  /** Default HEARTBEAT_MS; tests shorten it. */
  heartbeatMs?: number;
  /** Ends the stream after this long (the client reconnects); none → until the client leaves. */
  lifetimeMs?: number;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const ended = AbortSignal.any([options.signal, shutdownSignal()]);
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let stopped = false;
      const send = (text: string) => {
        if (stopped) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The reader went away without us hearing of it: stop listening.
          stop();
        }
      };
      const unsubscribe = options.subscribe(send);
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      const lifetime = options.lifetimeMs === undefined ? undefined : setTimeout(() => stop(), options.lifetimeMs);
      stop = () => {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        ended.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader: nothing left to close.
        }
      };
      send(options.opening);
      if (ended.aborted) stop();
      else ended.addEventListener('abort', stop);
    },
    cancel() {
      stop();
    },
  });
}

/** The response headers every event stream needs; caching is the caller's to say. */
export function setEventStreamHeaders(headers: Headers): void {
  headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  // nginx and friends would otherwise hold the events back in their buffers.
  headers.set('X-Accel-Buffering', 'no');
}
