import { EventEmitter } from 'node:events';
import type { ConversationStatus } from './conversations';

/**
 * Something changed in a conversation: the console's list and transcript views, and the shopper's
 * widget while a person has the conversation, refresh from it. Carries ids, never content: each
 * listener re-reads what it is allowed to see.
 */
export interface ConversationEvent {
  conversationId: string;
  kind: 'message' | 'status' | 'note' | 'labels' | 'rating';
  /** The conversation's status after the change, when the change was to it. */
  status?: ConversationStatus;
  at: string;
}

/** Publish/subscribe between requests. In-process for one instance (a Redis-backed bus replaces it for several). */
export interface LiveBus {
  publish(event: Omit<ConversationEvent, 'at'>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ConversationEvent) => void): () => void;
}

export function createMemoryLiveBus(): LiveBus {
  const emitter = new EventEmitter();
  // One listener per open console tab or waiting widget: no fixed ceiling.
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('event', { ...event, at: new Date().toISOString() }),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
