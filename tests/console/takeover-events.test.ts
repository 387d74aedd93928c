import { describe, expect, it } from 'vitest';
import { signShopperToken } from '@/lib/auth/shopper-token';
import type { ChatRuntime } from '@/lib/chat/runtime';
import { handleShopperEvents } from '@/lib/chat/shopper-events';
import { handleAddNote } from '@/lib/console/notes';
import type { ConsoleRuntime } from '@/lib/console/route';
import { handleAgentMessage, handleOwnershipChange } from '@/lib/console/takeover';
import { newConversationId, SHOPPER_SECRET, useChatHarness } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { countingBus } from '../support/counting-live-bus';
import { testDatabaseKinds } from '../support/test-database';
import { answeredConversation, consoleRequest, consoleRuntimeFor, signedInStaff } from './takeover-harness';

const VISITOR = 'eventsVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function eventsRequest(id: string, identity: { visitor?: string; token?: string }, signal?: AbortSignal): Request {
  const headers = new Headers({ 'x-forwarded-for': '203.0.113.60' });
  // As the widget sends it: a header, since it reads the stream with fetch.
  if (identity.visitor) headers.set('x-shopchat-visitor', identity.visitor);
  if (identity.token) headers.set('authorization', `Bearer ${identity.token}`);
  return new Request(`http://127.0.0.1:3000/api/conversations/${id}/events`, { headers, ...(signal && { signal }) });
}

/** Reads server-sent events off a response body, one `data:` or comment block at a time. */
function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return {
    async next(): Promise<string | null> {
      while (!buffered.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) return null;
        buffered += decoder.decode(value, { stream: true });
      }
      const end = buffered.indexOf('\n\n');
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      return block;
    },
    async nextEvent(): Promise<unknown> {
      for (;;) {
        const block = await this.next();
        if (block === null) return null;
        if (block.startsWith('data: ')) return JSON.parse(block.slice('data: '.length));
      }
    },
  };
}

describe.each(testDatabaseKinds())('GET /api/conversations/{id}/events (%s)', (kind) => {
  const chat = useChatHarness(kind, { provider: false });
  let bus: ReturnType<typeof countingBus> | undefined;
  let consoleRuntime: ConsoleRuntime | undefined;
  let shopperRuntime: ChatRuntime | undefined;
  const runtimes = () => {
    bus ??= countingBus(chat().runtime.live);
    consoleRuntime ??= { ...consoleRuntimeFor(chat()), live: bus };
    shopperRuntime ??= { ...chat().runtime, live: bus };
    return { console: consoleRuntime, shopper: shopperRuntime, bus };
  };

  it('streams the status, then an event when staff take over and reply; stops listening when the shopper goes', async () => {
    const { console: staffSide, shopper, bus: live } = runtimes();
    const id = await answeredConversation(chat(), VISITOR);
    const agent = await signedInStaff(staffSide);
    const disconnect = new AbortController();
    const listenersBefore = live.listeners();

    const response = await handleShopperEvents(eventsRequest(id, { visitor: VISITOR }, disconnect.signal), shopper, id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const events = sseReader(response);
    expect(await events.nextEvent()).toEqual({ kind: 'status', status: 'bot' });

    await handleOwnershipChange(consoleRequest(`/${id}/take`, { session: agent.session }), staffSide, id, 'take');
    expect(await events.nextEvent()).toEqual({ kind: 'status', status: 'human' });
    // A private note is not the shopper's business: no event for it.
    await handleAddNote(consoleRequest(`/${id}/notes`, { session: agent.session, body: { body: 'private' } }), staffSide, id);
    const sent = await handleAgentMessage(
      consoleRequest(`/${id}/messages`, { session: agent.session, body: { text: 'Hello from Li Na' } }),
      staffSide,
      id,
    );
    expect(sent.status).toBe(201);
    expect(await events.nextEvent()).toEqual({ kind: 'message', status: 'human' });
    // Another conversation's changes are not sent either.
    const other = await answeredConversation(chat(), VISITOR);
    await handleOwnershipChange(consoleRequest(`/${other}/take`, { session: agent.session }), staffSide, other, 'take');
    await handleOwnershipChange(consoleRequest(`/${id}/close`, { session: agent.session }), staffSide, id, 'close');
    expect(await events.nextEvent()).toEqual({ kind: 'status', status: 'closed' });

    expect(live.listeners()).toBe(listenersBefore + 1);
    disconnect.abort();
    expect(await events.next()).toBeNull();
    expect(live.listeners()).toBe(listenersBefore);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const { shopper } = runtimes();
    const id = await answeredConversation(chat(), VISITOR);
    const disconnect = new AbortController();
    const response = await handleShopperEvents(eventsRequest(id, { visitor: VISITOR }, disconnect.signal), shopper, id, 20);
    const events = sseReader(response);
    expect(await events.next()).toMatch(/^data: /);
    expect(await events.next()).toBe(': heartbeat');
    disconnect.abort();
  });

  it('refuses another shopper, a signed-in customer and an unknown conversation with 404, and a bad token with 401', async () => {
    const { shopper, bus: live } = runtimes();
    const id = await answeredConversation(chat(), VISITOR);
    const listeners = live.listeners();
    const stranger = await handleShopperEvents(
      eventsRequest(id, { visitor: 'strangerVisitorXXXXXXXXXXXXXXXXXXXXXXXXXXX' }),
      shopper,
      id,
    );
    expect(stranger.status).toBe(404);
    const token = await signShopperToken(FIXTURE.customer, SHOPPER_SECRET, { now: FIXTURE.now });
    expect((await handleShopperEvents(eventsRequest(id, { token }), shopper, id)).status).toBe(404);
    const unknown = newConversationId();
    expect((await handleShopperEvents(eventsRequest(unknown, { visitor: VISITOR }), shopper, unknown)).status).toBe(404);
    expect((await handleShopperEvents(eventsRequest(id, { token: 'not.a.jwt' }), shopper, id)).status).toBe(401);
    expect(live.listeners()).toBe(listeners);
  });
});
