'use client';

import type { ChatStatus } from 'ai';
import { isToolUIPart } from 'ai';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { Dictionary, WidgetLocale } from './i18n';
import { MessageText } from './message-text';
import { ToolPart } from './parts/tool-part';
import { TypingIndicator } from './typing-indicator';
import { isBusy } from './use-shop-chat';

/** Within this many pixels of the bottom the list follows new text; further up, the shopper is reading back. */
const FOLLOW_THRESHOLD_PX = 64;
/** About how long a browser's smooth scroll takes. */
const SMOOTH_SCROLL_MS = 600;

function hasText(message: ShopUIMessage | undefined): boolean {
  return message?.role === 'assistant' && message.parts.some((part) => part.type === 'text' && part.text.trim() !== '');
}

/** Waiting for the first words of an answer: the question is out, nothing written back yet. */
function awaitingFirstWords(status: ChatStatus, messages: ShopUIMessage[]): boolean {
  if (status === 'submitted') return true;
  return status === 'streaming' && !hasText(messages.at(-1));
}

function AssistantMessage({
  message,
  t,
  locale,
  currency,
  busy,
  onApprovalResponse,
}: {
  message: ShopUIMessage;
  t: Dictionary['widget'];
  locale: WidgetLocale;
  currency: string;
  busy: boolean;
  onApprovalResponse: (response: { id: string; approved: boolean }) => void;
}) {
  const parts = message.parts.flatMap((part, index): ReactNode[] => {
    const key = `${message.id}-${index}`;
    if (part.type === 'text') {
      if (part.text.trim() === '') return [];
      return [
        <div key={key} className="max-w-[85%] rounded-2xl rounded-bl-sm bg-slate-100 px-3.5 py-2 text-[0.9375rem] leading-6">
          <MessageText text={part.text} />
        </div>,
      ];
    }
    if (isToolUIPart(part) && part.type !== 'dynamic-tool') {
      return [
        <div key={key} className="w-full max-w-[92%]">
          <ToolPart part={part} locale={locale} currency={currency} onApprovalResponse={onApprovalResponse} disabled={busy} />
        </div>,
      ];
    }
    // step-start, reasoning, data parts: nothing for the shopper to read.
    return [];
  });
  if (parts.length === 0) return null;
  // A member of staff wrote it (after taking the conversation over): their name, visibly.
  const agentName = message.metadata?.agentName;
  // The speaker label sits outside the test hook, so a message's text is only what the shopper sees.
  return (
    <div>
      {agentName === undefined ? (
        <span className="sr-only">{t.fromAssistant}</span>
      ) : (
        <p data-testid="agent-label" className="mb-1 text-xs font-medium text-slate-600">
          {t.agentLabel(agentName)}
        </p>
      )}
      <div data-testid="message-assistant" className="flex flex-col items-start gap-2">
        {parts}
      </div>
    </div>
  );
}

function UserMessage({ message, t }: { message: ShopUIMessage; t: Dictionary['widget'] }) {
  const text = message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  return (
    <div className="flex justify-end">
      <p className="max-w-[85%] rounded-2xl rounded-br-sm bg-(--chat-primary) px-3.5 py-2 text-[0.9375rem] leading-6 break-words whitespace-pre-wrap text-(--chat-on-primary)">
        <span className="sr-only">{t.fromShopper} </span>
        <span data-testid="message-user">{text}</span>
      </p>
    </div>
  );
}

/** Grey bubbles while the conversation loads (and, for screen readers, a line saying so). */
export function ConversationSkeleton({ label }: { label: string }) {
  return (
    <div data-testid="history-loading" className="flex flex-col gap-3">
      <p className="sr-only">{label}</p>
      <div aria-hidden="true" className="h-9 w-2/3 rounded-2xl bg-slate-100 motion-safe:animate-pulse" />
      <div aria-hidden="true" className="h-9 w-1/2 self-end rounded-2xl bg-slate-100 motion-safe:animate-pulse" />
      <div aria-hidden="true" className="h-16 w-3/4 rounded-2xl bg-slate-100 motion-safe:animate-pulse" />
    </div>
  );
}

/**
 * The conversation as a log: new messages are announced politely, and aria-busy holds the
 * announcement of a streaming answer until it is complete instead of reading every token.
 */
export function MessageList({
  messages,
  status,
  loading,
  handoffNotice,
  t,
  locale,
  currency,
  onApprovalResponse,
}: {
  messages: ShopUIMessage[];
  status: ChatStatus;
  loading: boolean;
  /** Shown under the messages when a person has the conversation. */
  handoffNotice: boolean;
  t: Dictionary['widget'];
  locale: WidgetLocale;
  currency: string;
  onApprovalResponse: (response: { id: string; approved: boolean }) => void;
}) {
  const listRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const messageCountRef = useRef(messages.length);
  /** Until then scroll events come from our own smooth scroll, not from the shopper. */
  const autoScrollUntilRef = useRef(0);
  const busy = isBusy(status);
  const typing = awaitingFirstWords(status, messages);

  // A new message always scrolls into view (smoothly, unless motion is reduced); growing text
  // follows only while the shopper is at the bottom rather than reading back.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const added = messages.length > messageCountRef.current;
    messageCountRef.current = messages.length;
    if (!added && !followRef.current) return;
    const smooth = added && !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    list.scrollTo({ top: list.scrollHeight, behavior: smooth ? 'smooth' : 'instant' });
    followRef.current = true;
    if (smooth) autoScrollUntilRef.current = performance.now() + SMOOTH_SCROLL_MS;
  });

  return (
    <div
      ref={listRef}
      role="log"
      aria-live="polite"
      aria-busy={busy}
      aria-label={t.messagesLabel}
      data-testid="message-list"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it (WCAG 2.1.1)
      tabIndex={0}
      onScroll={(event) => {
        if (performance.now() < autoScrollUntilRef.current) return;
        const list = event.currentTarget;
        followRef.current = list.scrollHeight - list.scrollTop - list.clientHeight < FOLLOW_THRESHOLD_PX;
      }}
      className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto overscroll-contain px-4 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-(--chat-accent)"
    >
      {loading ? (
        <ConversationSkeleton label={t.loadingHistory} />
      ) : (
        <>
          {messages.length === 0 && (
            <p className="max-w-[85%] rounded-2xl rounded-bl-sm bg-slate-100 px-3.5 py-2 text-[0.9375rem] leading-6">
              {t.greeting}
            </p>
          )}
          {messages.map((message) =>
            message.role === 'user' ? (
              <UserMessage key={message.id} message={message} t={t} />
            ) : message.role === 'assistant' ? (
              <AssistantMessage
                key={message.id}
                message={message}
                t={t}
                locale={locale}
                currency={currency}
                busy={busy}
                onApprovalResponse={onApprovalResponse}
              />
            ) : null,
          )}
          {typing && <TypingIndicator label={t.typing} />}
          {handoffNotice && (
            <p
              data-testid="handoff-notice"
              className="rounded-xl bg-amber-50 px-3 py-2 text-center text-sm text-amber-950 ring-1 ring-amber-200"
            >
              {t.handoff}
            </p>
          )}
        </>
      )}
    </div>
  );
}
