/**
 * The messages the storefront's loader (public/widget.js, built from lib/embed/loader.ts) and the
 * widget inside the /embed iframe send each other with postMessage. Both sides name the exact
 * target origin and check every received message's origin and source window.
 *
 * The loader owns the shopper's session because it lives in the storefront origin's storage:
 * the conversation id and the anonymous visitor secret survive page loads and navigation there,
 * whatever the browser does to third-party storage in the iframe.
 */

/** Every message carries this tag, so neither side mistakes another script's messages for ours. */
export const PROTOCOL = 'shopchat/1';

/** What the widget needs to talk to the API as this shopper. */
export interface WidgetSession {
  /** useChat id / conversation id: 32 random URL-safe characters. */
  conversationId: string;
  /** The anonymous visitor secret sent as X-Shopchat-Visitor (the API only stores its hash). */
  visitorSecret: string;
  /** The shopper JWT from identify(), or null for an anonymous shopper. */
  token: string | null;
}

/** Loader → widget. */
export type HostMessage =
  /** After the widget said `ready`, and whenever identify()/reset() changes who is chatting. */
  | { protocol: typeof PROTOCOL; type: 'session'; session: WidgetSession }
  /** The panel was shown or hidden (the widget focuses its composer when shown, counts unread when hidden). */
  | { protocol: typeof PROTOCOL; type: 'visibility'; open: boolean };

/** Widget → loader. */
export type WidgetMessage =
  /** The widget has mounted and listens: the loader answers with `session`. */
  | { protocol: typeof PROTOCOL; type: 'ready' }
  /** The shopper closed the panel from inside (the header's close button or Escape). */
  | { protocol: typeof PROTOCOL; type: 'close' }
  /** Assistant messages that arrived while the panel was hidden (0 clears the badge). */
  | { protocol: typeof PROTOCOL; type: 'unread'; count: number }
  /** The shopper started a new conversation (after ending one): the loader stores this id. */
  | { protocol: typeof PROTOCOL; type: 'conversation'; conversationId: string };

/** Conversation ids and visitor secrets: what the API accepts (see lib/chat/request.ts, lib/auth/visitor.ts). */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{32,100}$/;

/** The iframe's query string: who embeds it and how it should look. */
export interface EmbedParams {
  /** The storefront's origin (location.origin of the page with the loader): the only postMessage target. */
  origin: string;
  /** "zh-CN", "en", … from data-locale; absent → the store's locale, else the browser's language. */
  locale?: string;
  /** Primary colour as #rrggbb from data-color. */
  color?: string;
}
