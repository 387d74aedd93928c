import type { LiveBus } from '@/lib/chat/live';

/** A live bus that counts its listeners, to see a closed stream let go of its subscription. */
export function countingBus(bus: LiveBus): LiveBus & { listeners(): number } {
  let listeners = 0;
  return {
    publish: (event) => bus.publish(event),
    subscribe: (listener) => {
      listeners++;
      const unsubscribe = bus.subscribe(listener);
      return () => {
        listeners--;
        unsubscribe();
      };
    },
    listeners: () => listeners,
  };
}
