// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetSession } from '@/lib/embed/protocol';
import { ChatWidget } from './chat-widget';

const session: WidgetSession = { conversationId: 'c'.repeat(32), visitorSecret: 'v'.repeat(32), token: null };

interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

type Route = (call: Call) => Response | Promise<Response>;

let calls: Call[];
let chatAnswers: Route[];
let routes: Record<string, Route>;

function answerText(text: string): Response {
  return createUIMessageStreamResponse({
    stream: createUIMessageStream<ShopUIMessage>({
      execute: ({ writer }) => {
        writer.write({ type: 'text-start', id: 't1' });
        writer.write({ type: 'text-delta', id: 't1', delta: text });
        writer.write({ type: 'text-end', id: 't1' });
      },
    }),
  });
}

const notFound = () => Response.json({ error: { code: 'not_found', message: 'No conversation with that id.' } }, { status: 404 });

beforeEach(() => {
  calls = [];
  chatAnswers = [];
  routes = {};
  localStorage.setItem('shopchat:session', JSON.stringify(session));
  // jsdom has no layout: scrolling and media queries are stubs.
  Element.prototype.scrollTo = () => {};
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const call: Call = {
        method: init.method ?? 'GET',
        url,
        headers: new Headers(init.headers),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
      };
      calls.push(call);
      if (url === '/api/chat') {
        const next = chatAnswers.shift();
        if (!next) throw new Error('no answer queued for /api/chat');
        return next(call);
      }
      const route = routes[`${call.method} ${url}`];
      return route ? route(call) : notFound();
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const chatCalls = () => calls.filter((call) => call.url === '/api/chat');

function renderWidget() {
  render(<ChatWidget storeName="Acme Outdoor" currency="CNY" locale="en" parentOrigin={null} primaryColor="#ffeb3b" />);
}

describe('ChatWidget (standalone)', () => {
  it('a quick reply sends its text as the only message, as this visitor, and shows the answer', async () => {
    chatAnswers.push(() => answerText('Could you give me your **order number**?'));
    renderWidget();
    const chips = await screen.findAllByTestId('quick-reply');
    expect(chips.map((chip) => chip.textContent)).toEqual(['Track my order', 'Check stock', 'Member prices', 'Talk to a person']);

    fireEvent.click(chips[0] as HTMLElement);

    const answer = await screen.findByTestId('message-assistant');
    expect(answer.querySelector('strong')?.textContent).toBe('order number');
    expect(screen.getByTestId('message-user').textContent).toBe('Track my order');
    const [sent] = chatCalls();
    expect(sent?.headers.get('x-shopchat-visitor')).toBe(session.visitorSecret);
    expect(sent?.headers.get('authorization')).toBeNull();
    expect(sent?.body).toMatchObject({
      id: session.conversationId,
      trigger: 'submit-message',
      messages: [{ role: 'user', parts: [{ type: 'text', text: 'Track my order' }] }],
    });
    expect(screen.queryByTestId('quick-reply')).toBeNull();
  });

  it('reloads the stored conversation and then sends only the newest message (Enter sends)', async () => {
    const history: ShopUIMessage[] = [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Is the Polar Tent in stock?' }] },
      { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'Yes, 7 in Shanghai.' }] },
    ];
    routes[`GET /api/conversations/${session.conversationId}`] = () =>
      Response.json({ id: session.conversationId, status: 'bot', messages: history });
    chatAnswers.push(() => answerText('It costs ¥68.90.'));
    renderWidget();

    expect((await screen.findAllByTestId('message-assistant'))[0]?.textContent).toContain('Yes, 7 in Shanghai.');
    expect(screen.queryByTestId('quick-reply')).toBeNull();
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: 'And the price?' } });
    fireEvent.keyDown(input, { key: 'Enter' });

    await waitFor(() => expect(screen.getAllByTestId('message-assistant')).toHaveLength(2));
    const body = chatCalls()[0]?.body as { messages: ShopUIMessage[] };
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toMatchObject({ role: 'user', parts: [{ type: 'text', text: 'And the price?' }] });
    expect((input as HTMLTextAreaElement).value).toBe('');
  });

  it('Shift+Enter does not send', async () => {
    renderWidget();
    await screen.findAllByTestId('quick-reply');
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: 'first line' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(chatCalls()).toHaveLength(0);
  });

  it('Retry after a server error sends the question again, and it shows once', async () => {
    chatAnswers.push(
      () => Response.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
      () => answerText('Your order ships tomorrow.'),
    );
    renderWidget();
    fireEvent.click((await screen.findAllByTestId('quick-reply'))[0] as HTMLElement);

    const error = await screen.findByTestId('chat-error');
    expect(error.textContent).toContain('Something went wrong on our side.');
    fireEvent.click(within(error).getByTestId('retry-button'));

    expect((await screen.findByTestId('message-assistant')).textContent).toContain('Your order ships tomorrow.');
    expect(screen.getAllByTestId('message-user')).toHaveLength(1);
    expect(screen.queryByTestId('chat-error')).toBeNull();
    expect(chatCalls().map((call) => (call.body as { messages: ShopUIMessage[] }).messages[0]?.parts)).toEqual([
      [{ type: 'text', text: 'Track my order' }],
      [{ type: 'text', text: 'Track my order' }],
    ]);
  });

  it('when a person has the conversation, the answer is the hand-off notice', async () => {
    chatAnswers.push(() =>
      createUIMessageStreamResponse({
        stream: createUIMessageStream<ShopUIMessage>({
          execute: ({ writer }) => writer.write({ type: 'data-status', data: { status: 'waiting_human' }, transient: true }),
        }),
      }),
    );
    renderWidget();
    fireEvent.click((await screen.findAllByTestId('quick-reply'))[3] as HTMLElement);
    expect((await screen.findByTestId('handoff-notice')).textContent).toBe(
      "You've been passed to a person — a colleague will reply here.",
    );
    expect(screen.getByTestId('composer-input').hasAttribute('disabled')).toBe(false);
  });

  it('End chat → rating → a new conversation with a fresh id', async () => {
    chatAnswers.push(() => answerText('Anything else?'));
    routes[`POST /api/conversations/${session.conversationId}/close`] = () =>
      Response.json({ id: session.conversationId, status: 'closed' });
    routes[`POST /api/conversations/${session.conversationId}/rating`] = (call) =>
      Response.json({
        id: session.conversationId,
        rating: { score: 4, comment: (call.body as { comment?: string }).comment ?? null },
      });
    renderWidget();
    expect(screen.queryByTestId('end-chat')).toBeNull(); // nothing to end yet
    fireEvent.click((await screen.findAllByTestId('quick-reply'))[1] as HTMLElement);
    await screen.findByTestId('message-assistant');

    fireEvent.click(screen.getByTestId('end-chat'));
    fireEvent.click(screen.getByTestId('end-chat-confirm'));
    const rating = await screen.findByTestId('rating');
    fireEvent.click(within(rating).getByLabelText('4 – Good'));
    fireEvent.change(within(rating).getByLabelText('Anything you want to add? (optional)'), { target: { value: 'Quick help' } });
    expect(rating.textContent).toContain('10 / 1000');
    fireEvent.click(screen.getByTestId('rating-submit'));

    const newConversation = await screen.findByTestId('new-conversation');
    expect(screen.getByText('Thank you for your feedback!')).toBeTruthy();
    expect(calls.find((call) => call.url.endsWith('/rating'))?.body).toEqual({ score: 4, comment: 'Quick help' });

    await act(async () => fireEvent.click(newConversation));
    expect(await screen.findAllByTestId('quick-reply')).toHaveLength(4);
    expect(screen.queryByTestId('message-user')).toBeNull();
    const stored = JSON.parse(localStorage.getItem('shopchat:session') ?? 'null') as WidgetSession;
    expect(stored.visitorSecret).toBe(session.visitorSecret);
    expect(stored.conversationId).not.toBe(session.conversationId);
    expect(stored.conversationId).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
