import { describe, expect, it } from 'vitest';
import { type ConversationEvent, createMemoryLiveBus } from './live';

describe('the in-process live bus', () => {
  it('delivers each published change to every subscriber until they unsubscribe', () => {
    const bus = createMemoryLiveBus();
    const first: ConversationEvent[] = [];
    const second: ConversationEvent[] = [];
    const stopFirst = bus.subscribe((event) => first.push(event));
    bus.subscribe((event) => second.push(event));

    bus.publish({ conversationId: 'c1', kind: 'message' });
    stopFirst();
    bus.publish({ conversationId: 'c1', kind: 'status', status: 'human' });

    expect(first.map((event) => event.kind)).toEqual(['message']);
    expect(second.map((event) => [event.kind, event.status])).toEqual([
      ['message', undefined],
      ['status', 'human'],
    ]);
    expect(Number.isNaN(Date.parse(second[0]?.at ?? ''))).toBe(false);
  });
});
