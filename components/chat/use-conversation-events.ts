'use client';

import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { conversationStatusSchema } from './api';

/** What GET /api/conversations/{id}/events sends (lib/chat/shopper-events.ts): ids and status only, never content. */
const conversationEventSchema = z.object({ kind: z.enum(['message', 'status']), status: conversationStatusSchema.nullable() });
export type ConversationEvent = z.infer<typeof conversationEventSchema>;

/** After a dropped stream, wait this long before reconnecting, doubling up to the ceiling. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;

/**
 * Reads the server-sent events of one conversation until the stream ends. fetch rather than
 * EventSource: EventSource cannot send the shopper's identity headers. Resolves when the server
 * ends the stream; rejects on a network error or a refused request (with its status).
 */
async function readConversationEvents(
  conversationId: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  onEvent: (event: ConversationEvent) => void,
): Promise<void> {
  const response = await fetch(`/api/conversations/${encodeURIComponent(conversationId)}/events`, {
    headers: { ...headers, Accept: 'text/event-stream' },
    signal,
    cache: 'no-store',
  });
  if (!response.ok || !response.body) throw new EventStreamRefused(response.status);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      // Comment lines (": heartbeat") only keep the connection open.
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).trim())
        .join('\n');
      const event = data ? parseEvent(data) : null;
      if (event) onEvent(event);
      end = buffered.indexOf('\n\n');
    }
  }
}

function parseEvent(data: string): ConversationEvent | null {
  try {
    const parsed = conversationEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

class EventStreamRefused extends Error {
  constructor(readonly status: number) {
    super(`The conversation's event stream was refused (${status}).`);
  }
}

/** A refusal that waiting will not fix (the conversation is gone or the shopper is no longer who they were). */
function isFinal(error: unknown): boolean {
  return error instanceof EventStreamRefused && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * While `active`, listens to the conversation's events (a person has it, so replies come from
 * staff rather than from our own requests) and calls `onEvent` for each; reconnects after drops.
 */
export function useConversationEvents(
  conversationId: string,
  headers: Record<string, string>,
  active: boolean,
  onEvent: (event: ConversationEvent) => void,
): void {
  // The newest callback, without reconnecting each time it changes.
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = FIRST_RETRY_MS;
    const connect = () => {
      readConversationEvents(conversationId, headers, controller.signal, (event) => {
        retryMs = FIRST_RETRY_MS;
        onEventRef.current(event);
      }).then(
        () => scheduleReconnect(),
        (error: unknown) => {
          if (!isFinal(error)) scheduleReconnect();
        },
      );
    };
    const scheduleReconnect = () => {
      if (controller.signal.aborted) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    };
    connect();
    return () => {
      controller.abort();
      clearTimeout(retryTimer);
    };
  }, [conversationId, headers, active]);
}
