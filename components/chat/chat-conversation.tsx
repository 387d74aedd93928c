'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetSession } from '@/lib/embed/protocol';
import { ChatApiError, closeConversation, type RatingInput, rateConversation } from './api';
import { ChatError } from './chat-error';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import type { Dictionary, WidgetLocale } from './i18n';
import { MessageList } from './message-list';
import { QuickReplies } from './quick-replies';
import { ConversationEnded, RatingCard } from './rating';
import { isBusy, useShopChat } from './use-shop-chat';

/** Ending a conversation: ask first, close it on the server, ask for a rating, then offer a new one. */
type Ending =
  | { step: 'none' }
  | { step: 'confirm'; failed: boolean }
  | { step: 'closing' }
  | { step: 'rating' }
  | { step: 'ended'; rated: boolean };

/** The hand-off card already says it when the newest message is the hand-off itself. */
function endsWithHandoffCard(messages: ShopUIMessage[]): boolean {
  const last = messages.at(-1);
  return (
    last?.role === 'assistant' &&
    last.parts.some((part) => part.type === 'tool-handOffToHuman' && part.state === 'output-available')
  );
}

/** The newest message is a staff member's reply: "a colleague will reply here" has come true. */
function endsWithStaffReply(messages: ShopUIMessage[]): boolean {
  const last = messages.at(-1);
  return last?.role === 'assistant' && last.metadata?.agentName !== undefined;
}

function EndChatConfirm({
  t,
  closing,
  failed,
  onConfirm,
  onCancel,
}: {
  t: Dictionary['widget'];
  closing: boolean;
  failed: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm">
      <p id={questionId} className="flex-1 font-medium">
        {t.endChatQuestion}
      </p>
      {/* Focus lands on the confirm button, which reads the question with it. */}
      <button
        ref={confirmRef}
        type="button"
        data-testid="end-chat-confirm"
        aria-describedby={questionId}
        disabled={closing}
        onClick={onConfirm}
        className="rounded-md bg-(--chat-accent) px-3 py-1.5 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent) disabled:opacity-50"
      >
        {t.endChatConfirm}
      </button>
      <button
        type="button"
        data-testid="end-chat-cancel"
        disabled={closing}
        onClick={onCancel}
        className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent)"
      >
        {t.endChatCancel}
      </button>
      {failed && (
        <p role="alert" className="w-full text-red-800">
          {t.endChatFailed}
        </p>
      )}
    </div>
  );
}

export interface ChatConversationProps {
  session: WidgetSession;
  title: string;
  t: Dictionary['widget'];
  locale: WidgetLocale;
  currency: string;
  visible: boolean;
  /** Framed only: closes the panel. */
  onClose?: () => void;
  /** An assistant answer finished (the widget counts the ones the shopper did not see). */
  onAssistantReply: () => void;
  onNewConversation: () => void;
}

/** One session's conversation: header, messages, quick replies, errors, and the composer or the ending. */
export function ChatConversation({
  session,
  title,
  t,
  locale,
  currency,
  visible,
  onClose,
  onAssistantReply,
  onNewConversation,
}: ChatConversationProps) {
  const chat = useShopChat(session, onAssistantReply);
  const [ending, setEnding] = useState<Ending>({ step: 'none' });
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const busy = isBusy(chat.status);
  const historyReady = chat.history.kind === 'ready';
  const chatting = ending.step === 'none' || ending.step === 'confirm' || ending.step === 'closing';

  // Shown (or mounted while shown): the shopper can type straight away.
  useEffect(() => {
    if (visible) inputRef.current?.focus();
  }, [visible]);

  const endConversation = async () => {
    setEnding({ step: 'closing' });
    if (busy) await chat.stop();
    try {
      await closeConversation(session.conversationId, chat.headers);
      setEnding({ step: 'rating' });
    } catch (error) {
      // Never stored (nothing was sent yet): there is nothing to close or rate.
      if (error instanceof ChatApiError && error.status === 404) setEnding({ step: 'ended', rated: false });
      else setEnding({ step: 'confirm', failed: true });
    }
  };

  const submitRating = async (rating: RatingInput) => {
    await rateConversation(session.conversationId, chat.headers, rating);
    setEnding({ step: 'ended', rated: true });
  };

  const handoffNotice =
    (chat.conversationStatus === 'waiting_human' || chat.conversationStatus === 'human') &&
    !endsWithHandoffCard(chat.messages) &&
    !endsWithStaffReply(chat.messages);

  return (
    <>
      <ChatHeader
        title={title}
        t={t}
        onEndChat={
          ending.step === 'none' && historyReady && chat.messages.length > 0
            ? () => setEnding({ step: 'confirm', failed: false })
            : undefined
        }
        onClose={onClose}
      />
      {(ending.step === 'confirm' || ending.step === 'closing') && (
        <EndChatConfirm
          t={t}
          closing={ending.step === 'closing'}
          failed={ending.step === 'confirm' && ending.failed}
          onConfirm={() => void endConversation()}
          onCancel={() => {
            setEnding({ step: 'none' });
            inputRef.current?.focus();
          }}
        />
      )}
      <MessageList
        messages={chat.messages}
        status={chat.status}
        loading={chat.history.kind === 'loading'}
        handoffNotice={handoffNotice}
        t={t}
        locale={locale}
        currency={currency}
        onApprovalResponse={chat.respondToApproval}
      />
      {chatting && historyReady && chat.messages.length === 0 && (
        <QuickReplies
          label={t.quickRepliesLabel}
          replies={t.quickReplies}
          onChoose={(text) => {
            chat.send(text);
            inputRef.current?.focus();
          }}
        />
      )}
      {chat.history.kind === 'failed' && <ChatError error={chat.history.error} t={t} onRetry={chat.reloadHistory} />}
      {chat.error && <ChatError error={chat.error} t={t} onRetry={chat.retry} />}
      {chatting ? (
        <Composer
          t={t}
          inputRef={inputRef}
          busy={busy}
          canSend={historyReady}
          onSend={chat.send}
          onStop={() => void chat.stop()}
        />
      ) : ending.step === 'rating' ? (
        <RatingCard t={t} onSubmit={submitRating} onSkip={() => setEnding({ step: 'ended', rated: false })} />
      ) : (
        <ConversationEnded t={t} rated={ending.rated} onNewConversation={onNewConversation} />
      )}
    </>
  );
}
