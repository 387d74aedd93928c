/**
 * The storefront loader (built into public/widget.js by build-loader.ts). A shop adds one async
 * <script src=".../widget.js"> tag: this draws the launcher button, and on the first open creates
 * the /embed iframe that holds the chat. It keeps the shopper's session in the storefront origin's
 * localStorage and talks to the widget only through the messages in protocol.ts.
 *
 * Framework-free and small on purpose: it runs on every page of someone else's shop.
 */
import { type HostMessage, PROTOCOL, SESSION_ID_PATTERN, type WidgetMessage } from './protocol';

/** What the storefront keeps between page loads (the shopper token stays in memory only). */
interface StoredSession {
  conversationId: string;
  visitorSecret: string;
  /** The identified shopper's token `sub`, '' for an anonymous shopper. */
  customer: string;
}

const EVENT_NAMES = ['ready', 'open', 'close', 'unread'] as const;
type EventName = (typeof EVENT_NAMES)[number];
type Handler = (unreadCount?: number) => void;
type ShopChatFunction = ((...call: unknown[]) => void) & { q?: ArrayLike<unknown>[] };
type Page = Window & { ShopChat?: ShopChatFunction; shopChatLoaderStarted?: boolean };

const page: Page = window;
const PANEL_ID = 'shopchat-panel';
const SVG = 'http://www.w3.org/2000/svg';

function setAttributes<E extends Element>(element: E, attributes: Record<string, string>): E {
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** 24 random bytes are exactly 32 base64url characters, the length SESSION_ID_PATTERN asks for. */
function randomId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** The `sub` of a JWT, unverified (the API verifies the token); null when the token is malformed. */
function subjectOf(token: string): string | null {
  try {
    // atob yields the payload's UTF-8 bytes as characters: still a faithful key for comparing shoppers.
    const payload: { sub?: unknown } = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.sub === 'string' && payload.sub ? payload.sub : null;
  } catch {
    return null;
  }
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  return [0.2126, 0.7152, 0.0722].reduce((sum, weight, index) => {
    const channel = Number.parseInt(hex.slice(1 + 2 * index, 3 + 2 * index), 16) / 255;
    return sum + weight * (channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4);
  }, 0);
}

/** White or black, whichever contrasts more; black rather than near-black keeps every colour at AA (≥ 4.5:1). */
function inkOn(hex: string): string {
  const background = luminance(hex) + 0.05;
  return 1.05 / background >= background / 0.05 ? '#fff' : '#000';
}

function start(script: HTMLScriptElement): void {
  const appOrigin = new URL(script.src).origin;
  const { locale, color: requestedColor, position, launcherText } = script.dataset;
  const color = requestedColor && /^#[0-9a-f]{6}$/i.test(requestedColor) ? requestedColor : undefined;
  const side = position === 'left' ? 'left' : 'right';
  const chinese = /^zh/i.test(locale || navigator.language);
  const label = launcherText || (chinese ? '在线客服' : 'Chat with us');
  const storageKey = `shopchat:${appOrigin}`;

  let session = readSession() ?? persist({ conversationId: randomId(), visitorSecret: randomId(), customer: '' });
  let shopperToken: string | null = null;
  let panel: HTMLIFrameElement | undefined;
  let widgetReady = false;
  let phoneLayout: MediaQueryList | undefined;
  let open = false;
  let unread = 0;
  let preconnected = false;
  const listeners: { event: EventName; handler: Handler }[] = [];

  function readSession(): StoredSession | null {
    try {
      // Typed as stored, checked before use: an unreadable value throws or fails the checks.
      const stored: StoredSession = JSON.parse(localStorage.getItem(storageKey) || 'null');
      if (
        SESSION_ID_PATTERN.test(stored.conversationId) &&
        SESSION_ID_PATTERN.test(stored.visitorSecret) &&
        typeof stored.customer === 'string'
      ) {
        return stored;
      }
    } catch {
      // Storage blocked or corrupt: start a new session.
    }
    return null;
  }

  function persist(next: StoredSession): StoredSession {
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Storage blocked or full: the session lives in memory for this page.
    }
    return next;
  }

  function emit(event: EventName, unreadCount?: number): void {
    for (const listener of listeners) {
      try {
        if (listener.event === event) listener.handler(unreadCount);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function post(message: HostMessage): void {
    // Until the widget says ready the frame still holds about:blank, which would drop (and log) the message.
    if (widgetReady) panel?.contentWindow?.postMessage(message, appOrigin);
  }

  function sendSession(): void {
    const { conversationId, visitorSecret } = session;
    post({ protocol: PROTOCOL, type: 'session', session: { conversationId, visitorSecret, token: shopperToken } });
  }

  // --- The launcher: everything inside one shadow root, so the shop's CSS and ours never meet.
  const host = document.createElement('shop-chat');
  const root = host.attachShadow({ mode: 'open' });
  const css = `:host{all:initial;position:fixed;z-index:2147483647}
button{position:fixed;bottom:calc(20px + env(safe-area-inset-bottom));${side}:calc(20px + env(safe-area-inset-${side}));display:flex;align-items:center;gap:8px;box-sizing:border-box;min-width:56px;height:56px;padding:0 16px;border:0;border-radius:28px;background:${color ?? '#2563eb'};color:${inkOn(color ?? '#2563eb')};font:600 15px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px #0004;transition:transform .2s}
button:hover{transform:scale(1.06)}
button:focus-visible{outline:3px solid #000;outline-offset:2px;box-shadow:0 0 0 2px #fff}
svg{flex:none}
b{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;border-radius:10px;background:#dc2626;color:#fff;font:700 12px/20px system-ui,sans-serif}
[hidden]{display:none}
iframe{position:fixed;bottom:calc(90px + env(safe-area-inset-bottom));${side}:20px;width:400px;max-width:calc(100vw - 40px);height:min(680px,100vh - 110px);height:min(680px,100dvh - 110px);border:0;border-radius:16px;background:#fff;box-shadow:0 12px 48px #0005;visibility:hidden;opacity:0;transform:translateY(12px);transition:opacity .2s,transform .2s,visibility .2s}
[aria-expanded=true]~iframe{visibility:visible;opacity:1;transform:none}
@media(max-width:640px){iframe{inset:0;width:100%;max-width:none;height:100vh;height:100dvh;border-radius:0}[aria-expanded=true]{display:none}}
@media(prefers-reduced-motion:reduce){*{transition:none!important}}`;
  // A constructed sheet is not inline style, so storefront CSPs without 'unsafe-inline' allow it.
  if (root.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(Object.assign(document.createElement('style'), { textContent: css }));
  }

  const launcher = document.createElement('button');
  setAttributes(launcher, {
    type: 'button',
    'aria-haspopup': 'dialog',
    'aria-expanded': 'false',
    'aria-controls': PANEL_ID,
    'aria-label': label,
  });
  const icon = setAttributes(document.createElementNS(SVG, 'svg'), {
    viewBox: '0 0 24 24',
    width: '24',
    height: '24',
    fill: 'currentColor',
    'aria-hidden': 'true',
  });
  icon.append(
    setAttributes(document.createElementNS(SVG, 'path'), { d: 'M5 3h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-6 4V5a2 2 0 0 1 2-2z' }),
  );
  launcher.append(icon);
  if (launcherText) launcher.append(launcherText);
  // The count is in the button's label; the badge is for the eye only.
  const badge = setAttributes(document.createElement('b'), { hidden: '', 'aria-hidden': 'true' });
  launcher.append(badge);
  root.append(launcher);
  document.body.append(host);

  function setUnread(count: number): void {
    if (count === unread) return;
    unread = count;
    badge.hidden = !count;
    badge.textContent = count > 99 ? '99+' : String(count);
    launcher.setAttribute('aria-label', count ? `${label} (${count})` : label);
    emit('unread', count);
  }

  /** Phone layout: a full-screen panel sized to the visual viewport, so the keyboard never covers the composer. */
  function fitViewport(): void {
    if (!panel) return;
    const viewport = page.visualViewport;
    const fit = open && viewport && phoneLayout?.matches;
    panel.style.height = fit ? `${viewport.height}px` : '';
    panel.style.top = fit ? `${viewport.offsetTop}px` : '';
  }

  function onMessage(event: MessageEvent): void {
    const message: WidgetMessage | null = event.data;
    if (event.origin !== appOrigin || !panel || event.source !== panel.contentWindow || message?.protocol !== PROTOCOL) return;
    if (message.type === 'ready') {
      widgetReady = true;
      sendSession();
      post({ protocol: PROTOCOL, type: 'visibility', open });
      emit('ready');
    } else if (message.type === 'close') {
      setOpen(false);
    } else if (message.type === 'unread') {
      // Opening clears the count; the widget only counts while hidden.
      if (!open) setUnread(message.count > 0 ? Math.floor(message.count) : 0);
    } else if (message.type === 'conversation' && SESSION_ID_PATTERN.test(message.conversationId)) {
      session = persist({ ...session, conversationId: message.conversationId });
    }
  }

  function createPanel(): HTMLIFrameElement {
    // A shopper who signed out without reset() must not continue the signed-in conversation.
    if (!shopperToken && session.customer) session = persist({ ...session, conversationId: randomId(), customer: '' });
    const params = new URLSearchParams({ origin: location.origin });
    if (locale) params.set('locale', locale);
    if (color) params.set('color', color);
    const frame = document.createElement('iframe');
    frame.id = PANEL_ID;
    frame.title = chinese ? '在线客服' : 'Chat';
    frame.src = `${appOrigin}/embed?${params}`;
    root.append(frame);
    addEventListener('message', onMessage);
    phoneLayout = matchMedia('(max-width: 640px)');
    page.visualViewport?.addEventListener('resize', fitViewport);
    page.visualViewport?.addEventListener('scroll', fitViewport);
    return frame;
  }

  function setOpen(next: boolean): void {
    if (next === open) return;
    open = next;
    panel ??= createPanel();
    launcher.setAttribute('aria-expanded', String(open));
    if (open) setUnread(0);
    post({ protocol: PROTOCOL, type: 'visibility', open });
    fitViewport();
    // Focus goes into the chat on open; on close it comes back only from inside the chat, never stolen from the page.
    if (open) panel.focus();
    else if (root.activeElement === panel) launcher.focus();
    emit(open ? 'open' : 'close');
  }

  launcher.addEventListener('click', () => setOpen(!open));
  launcher.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) setOpen(false);
  });
  // Warm the connection when the shopper shows interest; the iframe itself waits for the click.
  function preconnect(): void {
    if (preconnected) return;
    preconnected = true;
    document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: appOrigin }));
  }
  launcher.addEventListener('pointerenter', preconnect);
  launcher.addEventListener('focus', preconnect);

  function shopChat(...call: unknown[]): void {
    const [command, argument, handler] = call;
    if (command === 'open' || command === 'close' || command === 'toggle') {
      setOpen(command === 'toggle' ? !open : command === 'open');
    } else if (command === 'identify') {
      const customer = typeof argument === 'string' ? subjectOf(argument) : null;
      if (!customer) {
        console.warn('ShopChat: identify needs a JWT with a sub');
        return;
      }
      shopperToken = argument as string;
      // A different shopper must never continue another's conversation.
      if (customer !== session.customer) session = persist({ ...session, conversationId: randomId(), customer });
      sendSession();
    } else if (command === 'reset') {
      shopperToken = null;
      session = persist({ conversationId: randomId(), visitorSecret: randomId(), customer: '' });
      sendSession();
    } else if (command === 'on' && EVENT_NAMES.includes(argument as EventName) && typeof handler === 'function') {
      listeners.push({ event: argument as EventName, handler: handler as Handler });
    } else {
      console.warn('ShopChat: unknown call', call);
    }
  }

  const queued = page.ShopChat?.q ?? [];
  page.ShopChat = shopChat;
  for (const call of queued) shopChat(...Array.from(call));
}

// document.currentScript is only set while this script runs: read it now, even if the body is not parsed yet.
const ownScript =
  (document.currentScript as HTMLScriptElement | null) ??
  Array.from(document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]')).pop();
if (ownScript && !page.shopChatLoaderStarted) {
  page.shopChatLoaderStarted = true;
  if (document.body) start(ownScript);
  else addEventListener('DOMContentLoaded', () => start(ownScript));
}
