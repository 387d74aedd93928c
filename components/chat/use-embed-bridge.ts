'use client';

import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { type HostMessage, PROTOCOL, type WidgetMessage, type WidgetSession } from '@/lib/embed/protocol';
import { loadStandaloneSession, sameSession, saveStandaloneSession, widgetSessionSchema } from './session';

const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ protocol: z.literal(PROTOCOL), type: z.literal('session'), session: widgetSessionSchema }),
  z.object({ protocol: z.literal(PROTOCOL), type: z.literal('visibility'), open: z.boolean() }),
]) satisfies z.ZodType<HostMessage>;

type WithoutProtocol<Message> = Message extends unknown ? Omit<Message, 'protocol'> : never;
/** A widget → loader message; the bridge adds the protocol tag. */
export type OutgoingMessage = WithoutProtocol<WidgetMessage>;

export interface EmbedBridge {
  /** Inside a storefront's iframe (the page got an `origin`); otherwise /embed was opened on its own. */
  framed: boolean;
  /** Null until the loader sends it (framed) or storage is read (standalone). */
  session: WidgetSession | null;
  /** Whether the shopper can see the panel; always true standalone. */
  visible: boolean;
  /** Tells the loader; standalone there is nobody to tell. */
  notify: (message: OutgoingMessage) => void;
  /** Switches to a fresh conversation, which the loader (or, standalone, local storage) keeps. */
  startConversation: (conversationId: string) => void;
}

/**
 * The widget's side of lib/embed/protocol.ts. Framed, it posts only to `parentOrigin` and trusts
 * only messages from that origin and the parent window; standalone, it keeps the session itself.
 */
export function useEmbedBridge(parentOrigin: string | null): EmbedBridge {
  const [session, setSession] = useState<WidgetSession | null>(null);
  // The loader creates the iframe when the shopper opens the chat, so it starts visible.
  const [visible, setVisible] = useState(true);

  const notify = useCallback(
    (message: OutgoingMessage) => {
      if (parentOrigin === null) return;
      const tagged: WidgetMessage = { protocol: PROTOCOL, ...message };
      window.parent.postMessage(tagged, parentOrigin);
    },
    [parentOrigin],
  );

  useEffect(() => {
    if (parentOrigin === null) {
      setSession(loadStandaloneSession());
      return;
    }
    const receive = (event: MessageEvent) => {
      if (event.origin !== parentOrigin || event.source !== window.parent) return;
      const parsed = hostMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'session') {
        setSession((current) => (sameSession(current, message.session) ? current : message.session));
      } else {
        setVisible(message.open);
      }
    };
    window.addEventListener('message', receive);
    notify({ type: 'ready' });
    return () => window.removeEventListener('message', receive);
  }, [parentOrigin, notify]);

  const startConversation = useCallback(
    (conversationId: string) => {
      if (session === null) return;
      const next = { ...session, conversationId };
      setSession(next);
      if (parentOrigin === null) saveStandaloneSession(next);
      else notify({ type: 'conversation', conversationId });
    },
    [session, parentOrigin, notify],
  );

  return { framed: parentOrigin !== null, session, visible, notify, startConversation };
}
