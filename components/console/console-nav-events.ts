'use client';

import { useEffect, useRef } from 'react';

/**
 * The console's one live connection per tab: an EventSource on /api/console/events shared by every
 * view that wants to know when conversations change (the nav's waiting count, the list). Views get
 * a call, not the event: they re-read what they show.
 */

type Listener = () => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function notifyAll() {
  for (const listener of listeners) listener();
}

function connect(): EventSource {
  const events = new EventSource('/api/console/events');
  // Each (re)connection counts as a change: whatever happened since the page was rendered, or
  // while the connection was down, was not streamed to us.
  events.addEventListener('open', notifyAll);
  events.addEventListener('conversation', notifyAll);
  return events;
}

/** Calls `onChange` (at most once per `debounceMs`, after the last change) while the component is mounted. */
export function useConversationChanges(onChange: () => void, debounceMs = 400): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), debounceMs);
    };
    listeners.add(listener);
    source ??= connect();
    return () => {
      clearTimeout(timer);
      listeners.delete(listener);
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  }, [debounceMs]);
}
