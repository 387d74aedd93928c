'use client';

import Link from 'next/link';
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import type { ConsoleConversation, ConsoleShopper } from '@/lib/console/transcript-schema';
import { NotesPanel } from './notes-panel';
import { type ConsoleViewer, TakeoverActions, TakeoverReply } from './takeover-actions';
import { fetchConsoleConversation } from './transcript-api';
import { card, formatAmount, formatTime, STATUS_LABEL } from './transcript-format';
import { TranscriptLabels } from './transcript-labels';
import { TranscriptMessages } from './transcript-messages';

/** How often the page re-reads the conversation when the event stream is unavailable. */
const POLL_MS = 2_000;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3">
      <dt className="text-slate-600">{term}</dt>
      <dd className="text-right font-medium break-words">{children}</dd>
    </div>
  );
}

function ShopperPanel({
  shopper,
  currency,
  timeZone,
}: {
  shopper: ConsoleShopper;
  currency: string | null;
  timeZone: string | null;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`${card} space-y-3`} data-testid="shopper-panel">
      <h2 id={headingId} className="text-base font-semibold">
        Shopper
      </h2>
      {shopper.kind === 'anonymous' ? (
        <p className="text-sm">Anonymous visitor</p>
      ) : (
        <>
          <dl className="space-y-1 text-sm">
            <Fact term="Name">{shopper.name ?? 'Unknown customer'}</Fact>
            <Fact term="Customer id">
              <span className="font-mono">{shopper.id}</span>
            </Fact>
            <Fact term="Email">{shopper.email ?? '—'}</Fact>
            <Fact term="Member level">{shopper.memberLevel ?? 'None'}</Fact>
          </dl>
          <div>
            <h3 className="text-sm font-semibold">Recent orders</h3>
            {shopper.recentOrders.length === 0 ? (
              <p className="text-sm text-slate-600">No orders.</p>
            ) : (
              <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="recent-orders">
                {shopper.recentOrders.map((order) => (
                  <li key={order.id} className="flex flex-wrap justify-between gap-x-3 py-1">
                    <span className="font-mono">{order.id}</span>
                    <span>{order.status}</span>
                    <span>{formatAmount(order.total, currency)}</span>
                    <time className="w-full text-xs text-slate-600" dateTime={order.placedAt}>
                      {formatTime(order.placedAt, timeZone)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function ConversationPanel({ conversation }: { conversation: ConsoleConversation }) {
  const headingId = useId();
  const { timezone: timeZone, rating } = conversation;
  return (
    <section aria-labelledby={headingId} className={`${card} space-y-3`}>
      <h2 id={headingId} className="text-base font-semibold">
        Conversation
      </h2>
      <dl className="space-y-1 text-sm">
        <Fact term="Status">
          <span data-testid="conversation-status">{STATUS_LABEL[conversation.status]}</span>
        </Fact>
        <Fact term="Assigned to">
          <span data-testid="assigned-staff">{conversation.assignedStaff?.name ?? 'Nobody'}</span>
        </Fact>
        <Fact term="Started">{formatTime(conversation.createdAt, timeZone)}</Fact>
        <Fact term="Last message">{formatTime(conversation.lastMessageAt, timeZone)}</Fact>
        {conversation.handoffRequestedAt && (
          <Fact term="Asked for a person">{formatTime(conversation.handoffRequestedAt, timeZone)}</Fact>
        )}
        {conversation.closedAt && <Fact term="Closed">{formatTime(conversation.closedAt, timeZone)}</Fact>}
        <Fact term="Messages">{conversation.messageCount}</Fact>
        <Fact term="Satisfaction">{rating ? `${rating.score} / 5` : 'Not rated'}</Fact>
      </dl>
      {rating?.comment && <blockquote className="border-l-4 border-slate-300 pl-3 text-sm italic">{rating.comment}</blockquote>}
    </section>
  );
}

/** How the page hears of changes: the console's event stream, or (when it cannot be opened) polling. */
type Connection = 'connecting' | 'stream' | 'polling' | 'lost';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  stream: 'Live',
  polling: 'Live (checking every 2 s)',
  lost: 'Reconnecting…',
};

/** A change on /api/console/events (lib/console/list-events.ts): only which conversation matters here. */
const consoleEventSchema = z.object({ conversationId: z.string() });

function changedConversation(data: string): string | null {
  try {
    const parsed = consoleEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.conversationId : null;
  } catch {
    return null;
  }
}

/**
 * One conversation for staff: the transcript with tool calls, and beside it the shopper, the
 * conversation's facts, the actions, labels and notes. Re-read whenever the console's event stream
 * says this conversation changed (polled every 2 s if the stream cannot be opened), and at once
 * after each change made here; the indicator says which, or that the connection is lost.
 */
export function TranscriptView({ initial, me }: { initial: ConsoleConversation; me: ConsoleViewer }) {
  const [conversation, setConversation] = useState(initial);
  const [connection, setConnection] = useState<Connection>('connecting');
  const polling = useRef(false);
  const inFlight = useRef<AbortController | null>(null);
  const messagesEnd = useRef<HTMLDivElement>(null);
  const shownMessages = useRef(initial.messages.length);

  const refresh = useCallback(async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      setConversation(await fetchConsoleConversation(initial.id, controller.signal));
      if (polling.current) setConnection('polling');
    } catch {
      if (polling.current && !controller.signal.aborted) setConnection('lost');
    }
  }, [initial.id]);

  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | undefined;
    const source = new EventSource('/api/console/events');
    source.addEventListener('open', () => {
      setConnection('stream');
      // Whatever changed while the stream was down.
      void refresh();
    });
    source.addEventListener('conversation', (event) => {
      if (changedConversation(event.data) === initial.id) void refresh();
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself. CLOSED: refused for good (e.g. no such route): poll instead.
      if (source.readyState !== EventSource.CLOSED) {
        setConnection('lost');
        return;
      }
      polling.current = true;
      setConnection('polling');
      poll ??= setInterval(() => {
        if (!document.hidden) void refresh();
      }, POLL_MS);
    });
    return () => {
      source.close();
      clearInterval(poll);
      inFlight.current?.abort();
    };
  }, [initial.id, refresh]);

  // New messages scroll into view (the reply box stays right below them).
  useEffect(() => {
    if (conversation.messages.length > shownMessages.current) messagesEnd.current?.scrollIntoView({ block: 'nearest' });
    shownMessages.current = conversation.messages.length;
  }, [conversation.messages.length]);

  const mine = conversation.status === 'human' && conversation.assignedStaff?.id === me.id;
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 sm:p-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <Link href="/console" className="text-sm text-blue-700 underline-offset-2 hover:underline">
            ← Conversations
          </Link>
          <h1 className="text-2xl font-semibold">
            Conversation <span className="font-mono text-lg">{conversation.id}</span>
          </h1>
        </div>
        <div className="flex items-center gap-4">
          <a
            href={`/api/console/conversations/${encodeURIComponent(conversation.id)}/export`}
            data-testid="export-json"
            className="rounded-md px-3 py-1.5 text-sm font-medium text-blue-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Download JSON
          </a>
          <p role="status" data-testid="live-indicator" className="flex items-center gap-2 text-sm text-slate-700">
            <span
              aria-hidden="true"
              className={`size-2.5 rounded-full ${connection === 'stream' || connection === 'polling' ? 'bg-emerald-600' : 'bg-amber-500'}`}
            />
            {CONNECTION_TEXT[connection]}
          </p>
        </div>
      </header>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <section aria-label="Transcript" className={card}>
            {conversation.olderMessagesOmitted > 0 && (
              <p className="mb-3 text-sm text-slate-600">{conversation.olderMessagesOmitted} older messages are not shown.</p>
            )}
            {conversation.messages.length === 0 ? (
              <p className="text-sm text-slate-600">No messages yet.</p>
            ) : (
              <TranscriptMessages messages={conversation.messages} timeZone={conversation.timezone} />
            )}
            <div ref={messagesEnd} />
          </section>
          {mine ? (
            <TakeoverReply conversationId={conversation.id} onSent={refresh} />
          ) : (
            <p className="text-sm text-slate-600">Take the conversation over to reply to the shopper.</p>
          )}
        </div>
        <aside className="space-y-4" aria-label="About this conversation">
          <TakeoverActions conversation={conversation} me={me} onChanged={refresh} />
          <ConversationPanel conversation={conversation} />
          <ShopperPanel shopper={conversation.shopper} currency={conversation.currency} timeZone={conversation.timezone} />
          <TranscriptLabels conversationId={conversation.id} labels={conversation.labels} onSaved={refresh} />
          <NotesPanel
            conversationId={conversation.id}
            notes={conversation.notes}
            timeZone={conversation.timezone}
            onAdded={refresh}
          />
        </aside>
      </div>
    </main>
  );
}
