// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetSession } from '@/lib/embed/protocol';
import { ChatWidget } from './chat-widget';

const session: WidgetSession = { conversationId: 'e'.repeat(32), visitorSecret: 'v'.repeat(32), token: null };
const conversationUrl = `/api/conversations/${session.conversationId}`;

const question: ShopUIMessage = { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Can a person help me?' }] };
const staffReply: ShopUIMessage = {
  id: 'm2',
  role: 'assistant',
  parts: [{ type: 'text', text: 'Hi, I can help with the refund.' }],
  metadata: { agentName: 'Li Na' },
};

let stored: ShopUIMessage[];
let eventRequests: Headers[];
/** Pushes one server-sent event into the open stream. */
let sendEvent: ((event: object) => void) | null;

beforeEach(() => {
  stored = [question];
  eventRequests = [];
  sendEvent = null;
  localStorage.setItem('shopchat:session', JSON.stringify(session));
  Element.prototype.scrollTo = () => {};
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      if (url === conversationUrl) return Response.json({ id: session.conversationId, status: 'human', messages: stored });
      if (url === `${conversationUrl}/events`) {
        eventRequests.push(new Headers(init.headers));
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            sendEvent = (event) => controller.enqueue(encoder.encode(`: heartbeat\n\ndata: ${JSON.stringify(event)}\n\n`));
            init.signal?.addEventListener('abort', () => controller.error(new DOMException('Aborted', 'AbortError')));
          },
        });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      }
      return Response.json({ error: { code: 'not_found', message: 'No conversation with that id.' } }, { status: 404 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('staff replies in the widget', () => {
  it('listens while a person has the conversation and shows their reply live, with their name', async () => {
    render(<ChatWidget storeName="Acme Outdoor" currency="CNY" locale="en" parentOrigin={null} primaryColor="#2563eb" />);
    expect((await screen.findByTestId('message-user')).textContent).toBe('Can a person help me?');
    expect(screen.getByTestId('handoff-notice')).toBeTruthy();
    await vi.waitFor(() => expect(sendEvent).not.toBeNull());
    // The stream carries the shopper's identity as a header (EventSource could not).
    expect(eventRequests[0]?.get('x-shopchat-visitor')).toBe(session.visitorSecret);

    stored = [question, staffReply];
    sendEvent?.({ kind: 'message', status: 'human' });

    expect((await screen.findByTestId('message-assistant')).textContent).toBe('Hi, I can help with the refund.');
    expect(screen.getByTestId('agent-label').textContent).toBe('Li Na · Support team');
    // Answered: no more "a colleague will reply here".
    expect(screen.queryByTestId('handoff-notice')).toBeNull();
    expect(eventRequests).toHaveLength(1);
  });
});
