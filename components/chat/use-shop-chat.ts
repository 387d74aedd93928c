'use client';

import { useChat } from '@ai-sdk/react';
import { type ChatStatus, DefaultChatTransport, isToolUIPart, lastAssistantMessageIsCompleteWithApprovalResponses } from 'ai';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import type { ConversationStatus } from '@/lib/chat/conversations';
import { plainText, type ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetSession } from '@/lib/embed/protocol';
import {
  type ChatErrorView,
  classifyChatError,
  conversationStatusSchema,
  fetchConversation,
  fetchOrThrow,
  identityHeaders,
} from './api';
import { useConversationEvents } from './use-conversation-events';

export type HistoryState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; error: ChatErrorView };

export interface ShopChat {
  messages: ShopUIMessage[];
  status: ChatStatus;
  history: HistoryState;
  /** The failed request's explanation while `status` is 'error'. */
  error: ChatErrorView | null;
  /** Who answers: 'waiting_human' / 'human' once the conversation was passed to a person. */
  conversationStatus: ConversationStatus;
  /** The identity headers every shopper API request carries. */
  headers: Record<string, string>;
  /** Sends the shopper's text; false when nothing was sent (empty, busy, history not loaded). */
  send: (text: string) => boolean;
  stop: () => Promise<void>;
  /** Sends the failed request again (the server refuses regenerate, so it is resent as a new message). */
  retry: () => void;
  reloadHistory: () => void;
  respondToApproval: (response: { id: string; approved: boolean }) => void;
}

export function isBusy(status: ChatStatus): boolean {
  return status === 'submitted' || status === 'streaming';
}

/**
 * Both the `data-status` part and the handOffToHuman tool's result carry `{ status }`. (ShopDataParts
 * has an index signature, so the part's data is not typed: read it through the schema.)
 */
const statusCarrierSchema = z.object({ status: conversationStatusSchema });

function reportedStatus(value: unknown): ConversationStatus | null {
  const parsed = statusCarrierSchema.safeParse(value);
  return parsed.success ? parsed.data.status : null;
}

/** The conversation status a finished assistant message reports, if any: the newest report wins. */
function statusReportedBy(message: ShopUIMessage): ConversationStatus | null {
  let reported: ConversationStatus | null = null;
  for (const part of message.parts) {
    if (part.type === 'data-status') reported = reportedStatus(part.data) ?? reported;
    if (part.type === 'tool-handOffToHuman' && part.state === 'output-available')
      reported = reportedStatus(part.output) ?? reported;
  }
  return reported;
}

/** A person has (or is about to take) the conversation: their replies come over the events stream, not as answers. */
function staffMayReply(status: ConversationStatus): boolean {
  return status === 'waiting_human' || status === 'human';
}

function hasUnsentApprovals(message: ShopUIMessage | undefined): boolean {
  return message?.role === 'assistant' && message.parts.some((part) => isToolUIPart(part) && part.state === 'approval-responded');
}

/**
 * One conversation with the shop's assistant: useChat over /api/chat as this shopper, the stored
 * history loaded first, errors explained. Mount it once per session (key it by conversation and
 * identity): the chat id, the transport's headers and the history all belong to one session.
 */
export function useShopChat(session: WidgetSession, onAssistantReply: () => void): ShopChat {
  const headers = useMemo(() => identityHeaders(session), [session]);
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ShopUIMessage>({
        api: '/api/chat',
        headers,
        fetch: fetchOrThrow,
        // The server keeps the history and reads only the newest message: the shopper's question, or the
        // assistant message that carries their answers to confirmations.
        prepareSendMessagesRequest: ({ id, messages, trigger }) => ({ body: { id, messages: messages.slice(-1), trigger } }),
      }),
    [headers],
  );
  const [conversationStatus, setConversationStatus] = useState<ConversationStatus>('bot');
  const [history, setHistory] = useState<HistoryState>({ kind: 'loading' });

  const chat = useChat<ShopUIMessage>({
    id: session.conversationId,
    transport,
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    // A person owns the conversation: the answer is only this transient part.
    onData: (part) => {
      const reported = part.type === 'data-status' ? reportedStatus(part.data) : null;
      if (reported) setConversationStatus(reported);
    },
    onFinish: ({ message, isAbort, isError }) => {
      const reported = statusReportedBy(message);
      if (reported) setConversationStatus(reported);
      if (!isAbort && !isError && message.role === 'assistant' && message.parts.length > 0) onAssistantReply();
    },
  });
  const { setMessages, sendMessage, clearError, resumeStream } = chat;

  const loadHistory = useCallback(
    (signal: AbortSignal) => {
      setHistory({ kind: 'loading' });
      fetchConversation(session.conversationId, headers, signal).then(
        (loaded) => {
          if (signal.aborted) return;
          if (loaded) {
            setMessages(loaded.messages);
            setConversationStatus(loaded.status);
            // An answer still being written when the page was left (reload, lost connection) goes on
            // where it was: GET /api/chat/{id}/stream, after the history so it lands below it.
            void resumeStream();
          }
          setHistory({ kind: 'ready' });
        },
        (error: unknown) => {
          if (!signal.aborted) setHistory({ kind: 'failed', error: classifyChatError(error) });
        },
      );
    },
    [session.conversationId, headers, setMessages, resumeStream],
  );

  useEffect(() => {
    const controller = new AbortController();
    loadHistory(controller.signal);
    return () => controller.abort();
  }, [loadHistory]);

  const busy = isBusy(chat.status);

  // Staff replies and status changes arrive as events: the stored conversation is reloaded quietly
  // (no skeleton), after our own request when one is running.
  const messagesRef = useRef<ShopUIMessage[]>([]);
  useEffect(() => {
    messagesRef.current = chat.messages;
  });
  const refreshPendingRef = useRef(false);
  const refreshQuietly = useCallback(() => {
    fetchConversation(session.conversationId, headers, new AbortController().signal).then(
      (loaded) => {
        if (!loaded) return;
        const shown = new Set(messagesRef.current.map((message) => message.id));
        const newReply = loaded.messages.some((message) => message.role === 'assistant' && !shown.has(message.id));
        setMessages(loaded.messages);
        setConversationStatus(loaded.status);
        if (newReply) onAssistantReply();
      },
      // The next event, or the stream's reconnection, tries again.
      () => {},
    );
  }, [session.conversationId, headers, setMessages, onAssistantReply]);
  const onConversationEvent = useCallback(() => {
    if (busy) refreshPendingRef.current = true;
    else refreshQuietly();
  }, [busy, refreshQuietly]);
  useEffect(() => {
    if (busy || !refreshPendingRef.current) return;
    refreshPendingRef.current = false;
    refreshQuietly();
  }, [busy, refreshQuietly]);
  useConversationEvents(
    session.conversationId,
    headers,
    history.kind === 'ready' && staffMayReply(conversationStatus),
    onConversationEvent,
  );

  const send = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (!trimmed || busy || history.kind !== 'ready') return false;
      void sendMessage({ text: trimmed });
      return true;
    },
    [busy, history.kind, sendMessage],
  );

  const { messages } = chat;
  const retry = useCallback(() => {
    clearError();
    if (hasUnsentApprovals(messages.at(-1))) {
      void sendMessage();
      return;
    }
    const failedIndex = messages.findLastIndex((message) => message.role === 'user');
    const failed = messages[failedIndex];
    if (!failed) return;
    setMessages(messages.slice(0, failedIndex));
    void sendMessage({ text: plainText(failed) });
  }, [messages, clearError, sendMessage, setMessages]);

  return {
    messages,
    status: chat.status,
    history,
    error: chat.status === 'error' && chat.error ? classifyChatError(chat.error) : null,
    conversationStatus,
    headers,
    send,
    stop: chat.stop,
    retry,
    reloadHistory: () => loadHistory(new AbortController().signal),
    respondToApproval: ({ id, approved }) => void chat.addToolApprovalResponse({ id, approved }),
  };
}
