// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleConversation } from '@/lib/console/transcript-schema';
import type { ConsoleViewer } from './takeover-actions';
import { TranscriptView } from './transcript-view';

const ID = 'conv0000000000000000000000000001';
const ME: ConsoleViewer = { id: 'staff-1', name: 'Li Na', role: 'agent' };

const CONVERSATION: ConsoleConversation = {
  id: ID,
  status: 'waiting_human',
  createdAt: '2026-06-01T04:00:00.000Z',
  lastMessageAt: '2026-06-01T04:01:00.000Z',
  closedAt: null,
  handoffRequestedAt: '2026-06-01T04:01:00.000Z',
  assignedStaff: null,
  rating: null,
  labels: ['vip'],
  messageCount: 2,
  toolsUsed: ['checkInventory'],
  hadError: false,
  usedFallback: true,
  currency: 'CNY',
  timezone: 'Asia/Shanghai',
  shopper: {
    kind: 'customer',
    id: 'C-1001',
    name: '张伟',
    email: 'zhang.wei@example.com',
    memberLevel: '黄金会员',
    recentOrders: [{ id: 'ORD-1', status: 'shipped', placedAt: '2026-05-20T02:00:00.000Z', total: '1299.00' }],
  },
  messages: [
    {
      id: 'm1',
      seq: 0,
      role: 'user',
      createdAt: '2026-06-01T04:00:00.000Z',
      items: [{ kind: 'text', text: 'Is the sneaker in stock?' }],
      author: null,
      turn: null,
    },
    {
      id: 'm2',
      seq: 1,
      role: 'assistant',
      createdAt: '2026-06-01T04:00:01.000Z',
      items: [
        {
          kind: 'tool',
          call: {
            toolCallId: 'call-1',
            toolName: 'checkInventory',
            state: 'succeeded',
            input: { sku: 'SKU-1' },
            output: { available: 23 },
            error: null,
            durationMs: 12,
            step: 0,
            model: 'offline',
          },
        },
        { kind: 'text', text: 'Yes, 23 pairs.' },
      ],
      author: null,
      turn: {
        model: 'offline',
        usedFallback: true,
        finishReason: 'stop',
        inputTokens: 120,
        outputTokens: 30,
        firstTextMs: 45,
        durationMs: 80,
        error: null,
      },
    },
  ],
  olderMessagesOmitted: 0,
  notes: [
    { id: 'n1', body: 'Called twice', createdAt: '2026-06-01T04:02:00.000Z', author: { id: 'staff-2', name: 'Wang Fang' } },
  ],
};

/** EventSource is not in jsdom: a stand-in the test drives. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  static readonly CLOSED = 2;
  readyState = 0;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data?: unknown) {
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data) }));
  }
}

let served: ConsoleConversation;
let posts: { url: string; body: unknown }[];

beforeEach(() => {
  served = CONVERSATION;
  posts = [];
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const base = `/api/console/conversations/${ID}`;
      if (init.method === 'POST') {
        posts.push({ url, body: JSON.parse(String(init.body)) });
        if (url === `${base}/take`) {
          if (ME.role === 'agent' && served.assignedStaff && served.assignedStaff.id !== ME.id)
            return Response.json({ error: { code: 'conflict', message: 'Wang Fang has this conversation.' } }, { status: 409 });
          served = { ...served, status: 'human', assignedStaff: { id: ME.id, name: ME.name } };
          return Response.json({
            conversation: { id: ID, status: 'human', assignedStaff: served.assignedStaff, closedAt: null },
          });
        }
        if (url === `${base}/messages`) return Response.json({ message: { id: 'm3' } }, { status: 201 });
      }
      if (url === base) return Response.json({ conversation: served });
      return Response.json({ error: { code: 'not_found', message: 'No conversation with that id.' } }, { status: 404 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the transcript page', () => {
  it('shows the transcript with its tool call, the bot’s model and numbers, the shopper and the notes', () => {
    render(<TranscriptView initial={CONVERSATION} me={ME} />);
    const call = screen.getByTestId('tool-call');
    expect(call.querySelector('summary')?.textContent).toBe('checkInventory · succeeded · 12 ms · step 1 · offline');
    expect(call.textContent).toContain('"sku": "SKU-1"');
    expect(call.textContent).toContain('"available": 23');
    const answer = screen.getByTestId('transcript-assistant');
    expect(within(answer).getByTestId('fallback-marker')).toBeTruthy();
    expect(answer.textContent).toContain('120 in / 30 out tokens');
    expect(answer.textContent).toContain('first text 45 ms');
    const shopper = screen.getByTestId('shopper-panel');
    expect(shopper.textContent).toContain('张伟');
    expect(shopper.textContent).toContain('zhang.wei@example.com');
    expect(within(shopper).getByTestId('recent-orders').textContent).toContain('ORD-1shipped');
    expect(screen.getByTestId('conversation-status').textContent).toBe('Waiting for a person');
    expect(screen.getByTestId('notes').textContent).toContain('Called twice');
    expect(screen.getByRole('button', { name: 'Remove label vip' })).toBeTruthy();
    // Times in the store's zone: 04:00 UTC is noon in Shanghai.
    expect(screen.getAllByText(/12:00:00/).length).toBeGreaterThan(0);
  });

  it('takes the conversation over, then sends a reply with Enter and re-reads the conversation', async () => {
    render(<TranscriptView initial={CONVERSATION} me={ME} />);
    expect(screen.queryByLabelText('Reply to the shopper')).toBeNull();
    fireEvent.click(screen.getByTestId('take-button'));
    await waitFor(() => expect(screen.getByTestId('conversation-status').textContent).toBe('With a person'));
    expect(posts).toEqual([{ url: `/api/console/conversations/${ID}/take`, body: {} }]);

    const reply = screen.getByLabelText('Reply to the shopper');
    fireEvent.change(reply, { target: { value: 'Hello, Li Na here.' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    await waitFor(() => expect((reply as HTMLTextAreaElement).value).toBe(''));
    expect(posts.at(-1)).toEqual({ url: `/api/console/conversations/${ID}/messages`, body: { text: 'Hello, Li Na here.' } });
  });

  it('says who has a conversation and offers an agent nothing to take; an admin may act anyway', async () => {
    const held: ConsoleConversation = { ...CONVERSATION, status: 'human', assignedStaff: { id: 'staff-2', name: 'Wang Fang' } };
    served = held;
    render(<TranscriptView initial={held} me={ME} />);
    expect(screen.getByTestId('held-by-other').textContent).toBe('Wang Fang has this conversation.');
    expect(screen.queryByTestId('take-button')).toBeNull();
    cleanup();

    render(<TranscriptView initial={held} me={{ ...ME, role: 'admin' }} />);
    const take = screen.getByTestId('take-button');
    expect(take.textContent).toBe('Take over anyway');
    fireEvent.click(take);
    await waitFor(() => expect(posts).toEqual([{ url: `/api/console/conversations/${ID}/take`, body: { force: true } }]));
  });

  it('re-reads the conversation when the console’s event stream names it, and polls when the stream is refused', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      render(<TranscriptView initial={CONVERSATION} me={ME} />);
      const [source] = FakeEventSource.instances;
      if (!source) throw new Error('no event stream opened');
      expect(source.url).toBe('/api/console/events');
      act(() => source.emit('open'));
      expect(screen.getByTestId('live-indicator').textContent).toBe('Live');

      served = { ...CONVERSATION, status: 'closed' };
      act(() => source.emit('conversation', { conversationId: 'someone-else', kind: 'message' }));
      expect(screen.getByTestId('conversation-status').textContent).toBe('Waiting for a person');
      act(() => source.emit('conversation', { conversationId: ID, kind: 'status', status: 'closed' }));
      await waitFor(() => expect(screen.getByTestId('conversation-status').textContent).toBe('Closed'));

      source.readyState = FakeEventSource.CLOSED;
      act(() => source.emit('error'));
      expect(screen.getByTestId('live-indicator').textContent).toBe('Live (checking every 2 s)');
      served = { ...CONVERSATION, status: 'human', assignedStaff: { id: 'staff-2', name: 'Wang Fang' } };
      await act(async () => vi.advanceTimersByTime(2_000));
      await waitFor(() => expect(screen.getByTestId('assigned-staff').textContent).toBe('Wang Fang'));
    } finally {
      vi.useRealTimers();
    }
  });
});
