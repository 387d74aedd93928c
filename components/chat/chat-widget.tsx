'use client';

import { useCallback, useEffect, useRef } from 'react';
import type { WidgetSession } from '@/lib/embed/protocol';
import { ChatConversation } from './chat-conversation';
import { ChatHeader } from './chat-header';
import { dictionaryFor, type WidgetLocale } from './i18n';
import { ConversationSkeleton } from './message-list';
import { newSessionId } from './session';
import { themeStyle } from './theme';
import { useEmbedBridge } from './use-embed-bridge';

const HTML_LANG: Record<WidgetLocale, string> = { en: 'en', zh: 'zh-CN' };

export interface ChatWidgetProps {
  /** Null when no store is loaded yet. */
  storeName: string | null;
  /** ISO 4217 code of the store currency, for the cards. */
  currency: string;
  locale: WidgetLocale;
  /** The storefront embedding the widget (its only postMessage partner), or null when /embed is opened on its own. */
  parentOrigin: string | null;
  /** #rrggbb from the loader's data-color, or null for the default. */
  primaryColor: string | null;
}

/** A new conversation (and fresh history) whenever the conversation or the shopper changes. */
function sessionKey(session: WidgetSession): string {
  return `${session.conversationId}:${session.token ?? session.visitorSecret}`;
}

/** The whole chat panel: it fills the /embed document, which the loader sizes and shows. */
export function ChatWidget({ storeName, currency, locale, parentOrigin, primaryColor }: ChatWidgetProps) {
  const t = dictionaryFor(locale).widget;
  const { framed, session, visible, notify, startConversation } = useEmbedBridge(parentOrigin);
  const title = storeName ?? t.defaultTitle;

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[locale];
  }, [locale]);

  const close = useCallback(() => notify({ type: 'close' }), [notify]);

  useEffect(() => {
    if (!framed) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [framed, close]);

  // Answers that finished while the panel was hidden make the loader's badge; showing it clears them.
  const unreadRef = useRef(0);
  const visibleRef = useRef(visible);
  useEffect(() => {
    const shownAgain = visible && !visibleRef.current;
    visibleRef.current = visible;
    if (shownAgain) {
      unreadRef.current = 0;
      notify({ type: 'unread', count: 0 });
    }
  }, [visible, notify]);

  const countUnseenReply = useCallback(() => {
    if (visibleRef.current) return;
    unreadRef.current += 1;
    notify({ type: 'unread', count: unreadRef.current });
  }, [notify]);

  return (
    <div
      data-testid="chat-widget"
      style={themeStyle(primaryColor)}
      className="flex h-dvh flex-col overflow-hidden bg-white text-slate-900"
    >
      {session ? (
        <ChatConversation
          key={sessionKey(session)}
          session={session}
          title={title}
          t={t}
          locale={locale}
          currency={currency}
          visible={visible}
          onClose={framed ? close : undefined}
          onAssistantReply={countUnseenReply}
          onNewConversation={() => startConversation(newSessionId())}
        />
      ) : (
        <>
          <ChatHeader title={title} t={t} onClose={framed ? close : undefined} />
          <div className="flex-1 p-4">
            <ConversationSkeleton label={t.loadingHistory} />
          </div>
        </>
      )}
    </div>
  );
}
