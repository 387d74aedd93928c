import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '@/lib/auth/staff-accounts';
import { createStaffRuntime, type StaffRuntime } from '@/lib/auth/staff-runtime';
import { createMemoryLiveBus, type LiveBus } from '@/lib/chat/live';
import { handleConsoleEvents } from '@/lib/console/list-events';
import { newConversationId, useChatHarness } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { countingBus } from '../support/counting-live-bus';
import { sessionFor } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';
import { consoleGet } from './list-fixture';

/** Reads the stream until `done` says what has arrived is enough (or the stream ends); returns all of it. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
): Promise<{ text: string; ended: boolean }> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 10_000;
  while (!done(text)) {
    if (Date.now() > deadline) throw new Error(`the stream did not deliver in time; it said: ${text}`);
    const chunk = await reader.read();
    if (chunk.done) return { text, ended: true };
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { text, ended: false };
}

describe.each(testDatabaseKinds())('the console’s live event stream (%s)', (kind) => {
  const chat = useChatHarness(kind, { provider: false });
  let runtime: StaffRuntime;
  let session = '';

  beforeAll(async () => {
    runtime = createStaffRuntime({ prisma: chat().db }, {}, () => FIXTURE.now);
    const agent = await createStaffUser(chat().db, {
      email: 'events@shop.example',
      name: 'Zhou Min',
      role: 'agent',
      password: 'correct horse battery',
    });
    session = await sessionFor(runtime, agent);
  });

  function open(live: LiveBus, options: { heartbeatMs?: number; lifetimeMs?: number } = {}) {
    const abort = new AbortController();
    const request = new Request(consoleGet('/api/console/events', session), { signal: abort.signal });
    return { abort, response: handleConsoleEvents(request, { ...runtime, live }, options) };
  }

  it('refuses a browser without a session with 401 JSON, not a stream', async () => {
    const response = await handleConsoleEvents(consoleGet('/api/console/events', null), {
      ...runtime,
      live: createMemoryLiveBus(),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('relays a saved chat message to signed-in staff as ids and kinds, and lets go when the browser leaves', async () => {
    const live = countingBus(chat().runtime.live);
    const { abort, response: pending } = open(live);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const opening = await readUntil(reader, (text) => text.includes('\n\n'));
    expect(opening.text).toBe('retry: 3000\n: connected\n\n');
    expect(live.listeners()).toBe(1);

    const conversationId = newConversationId();
    const sent = chat().send({ conversationId, customer: FIXTURE.customer, text: '限量球鞋还有货吗' });
    const { text } = await readUntil(reader, (arrived) => arrived.includes(conversationId));
    const [event] = text.split('\n\n');
    const [name, data] = event?.split('\n') ?? [];
    expect(name).toBe('event: conversation');
    expect(JSON.parse(data?.replace(/^data: /, '') ?? '')).toEqual({
      conversationId,
      kind: 'message',
      status: 'bot',
      at: expect.any(String),
    });
    // Never the shopper's words.
    expect(text).not.toContain('限量球鞋');
    await sent;

    abort.abort();
    expect(await readUntil(reader, () => false)).toMatchObject({ ended: true });
    expect(live.listeners()).toBe(0);
  });

  it('sends a heartbeat comment while nothing happens, and ends when its lifetime is up', async () => {
    const live = countingBus(createMemoryLiveBus());
    const response = await open(live, { heartbeatMs: 20, lifetimeMs: 200 }).response;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const { text } = await readUntil(reader, (arrived) => arrived.includes(': heartbeat\n\n'));
    expect(text.startsWith('retry: 3000\n: connected\n\n')).toBe(true);
    expect(await readUntil(reader, () => false)).toMatchObject({ ended: true });
    expect(live.listeners()).toBe(0);
  });

  it('lets go of the subscription when the reader cancels the stream', async () => {
    const live = countingBus(createMemoryLiveBus());
    const response = await open(live).response;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, (text) => text.includes('connected'));
    await reader.cancel();
    expect(live.listeners()).toBe(0);
    // Publishing afterwards reaches nobody and breaks nothing.
    live.publish({ conversationId: 'gone', kind: 'message' });
  });
});
