import { EventEmitter } from 'node:events';
import type { ConversationEvent, LiveBus } from '@/lib/chat/live';
import type { SharedRedis } from './connection';

/**
 * The live bus over Redis pub/sub: an event published on any instance reaches the console tabs and
 * widgets listening on every instance. While Redis is away, events still reach this instance's
 * listeners (a console on another instance catches up from the database when it reconnects).
 */
export function createSharedLiveBus(redis: SharedRedis): LiveBus {
  const channel = `${redis.keyPrefix}live`;
  const local = new EventEmitter();
  // One listener per open console tab or waiting widget: no fixed ceiling.
  local.setMaxListeners(0);

  redis.subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    try {
      local.emit('event', JSON.parse(message) as ConversationEvent);
    } catch (error) {
      console.warn('[redis] ignored a malformed live event', error);
    }
  });
  // Subscribing again on every (re)connect is harmless, and covers a start while Redis was away; a
  // subscription cut short by a lost connection is retried on the next one.
  const subscribe = () => {
    redis.subscriber.subscribe(channel).catch(() => {});
  };
  redis.subscriber.on('ready', subscribe);
  if (redis.subscriber.status === 'ready') subscribe();

  return {
    publish: (event) => {
      const stamped: ConversationEvent = { ...event, at: new Date().toISOString() };
      if (!redis.isReady()) {
        local.emit('event', stamped);
        return;
      }
      redis.commands.publish(channel, JSON.stringify(stamped)).catch((error: unknown) => {
        console.warn('[redis] live event not shared, delivered on this instance only', error);
        local.emit('event', stamped);
      });
    },
    subscribe: (listener) => {
      local.on('event', listener);
      return () => local.off('event', listener);
    },
  };
}
