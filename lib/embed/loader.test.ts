import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLoader, LOADER_GZIP_BUDGET_BYTES, QUEUE_STUB } from './build-loader';
import { PROTOCOL, SESSION_ID_PATTERN, type WidgetMessage } from './protocol';

// Each test loads the built public/widget.js into its own jsdom storefront, so the page, its
// localStorage and window.ShopChat start fresh every time.

const APP_ORIGIN = 'http://app.test';
const SHOP_ORIGIN = 'https://shop.test';
const STORAGE_KEY = `shopchat:${APP_ORIGIN}`;

type ShopChat = (command: string, ...args: unknown[]) => void;
type Storefront = Window & typeof globalThis & { ShopChat: ShopChat };

// jsdom ships no types (and @types/jsdom is not installed): name the little of it used here.
interface JsdomModule {
  JSDOM: new (html: string, options: { url: string; runScripts: 'outside-only' }) => { window: Storefront };
}
const { JSDOM }: JsdomModule = createRequire(import.meta.url)('jsdom');

interface StoredSession {
  conversationId: string;
  visitorSecret: string;
  customer: string;
}

let loaderCode = '';
beforeAll(async () => {
  loaderCode = await buildLoader();
});

interface StorefrontOptions {
  /** Extra attributes on the <script> tag, e.g. 'data-locale="zh-CN"'. */
  attributes?: string;
  /** Runs in the page before the loader does: the queue stub, stored sessions, viewport stubs. */
  beforeLoad?: (window: Storefront) => void;
  phone?: boolean;
}

function loadStorefront({ attributes = '', beforeLoad, phone = false }: StorefrontOptions = {}): Storefront {
  const dom = new JSDOM(
    `<!doctype html><html><head></head><body><script src="${APP_ORIGIN}/widget.js" ${attributes}></script></body></html>`,
    {
      url: `${SHOP_ORIGIN}/products/1`,
      runScripts: 'outside-only',
    },
  );
  const { window } = dom;
  // jsdom has no matchMedia: answer the loader's one query (the phone layout).
  window.matchMedia = (query: string) => ({ matches: phone, media: query }) as MediaQueryList;
  beforeLoad?.(window);
  window.eval(loaderCode);
  return window;
}

function shadowOf(window: Storefront): ShadowRoot {
  const root = window.document.querySelector('shop-chat')?.shadowRoot;
  if (!root) throw new Error('the launcher host is missing');
  return root;
}

function launcherOf(window: Storefront): HTMLButtonElement {
  const launcher = shadowOf(window).querySelector('button');
  if (!launcher) throw new Error('the launcher button is missing');
  return launcher;
}

function panelOf(window: Storefront): HTMLIFrameElement {
  const panel = shadowOf(window).querySelector('iframe');
  if (!panel?.contentWindow) throw new Error('the chat iframe is missing');
  return panel;
}

function storedSession(window: Storefront): StoredSession {
  return JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
}

/** What the widget inside the iframe would post, from a chosen origin and window. */
function postFromWidget(window: Storefront, data: WidgetMessage, from: { origin?: string; source?: Window | null } = {}): void {
  const source = from.source === undefined ? panelOf(window).contentWindow : from.source;
  window.dispatchEvent(new window.MessageEvent('message', { data, origin: from.origin ?? APP_ORIGIN, source }));
}

function shopperToken(sub: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp: 2_000_000_000 })}.signature`;
}

const anotherId = 'B'.repeat(32);

describe('public/widget.js', () => {
  it(`stays within ${LOADER_GZIP_BUDGET_BYTES} bytes gzipped`, () => {
    const gzipBytes = gzipSync(loaderCode, { level: 9 }).length;
    console.log(`widget.js: ${loaderCode.length} bytes, ${gzipBytes} bytes gzip`);
    expect(gzipBytes).toBeLessThanOrEqual(LOADER_GZIP_BUDGET_BYTES);
  });

  it('draws only the launcher until the shopper opens the chat', () => {
    const window = loadStorefront();
    const launcher = launcherOf(window);
    expect(launcher.getAttribute('aria-label')).toBe('Chat with us');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-haspopup')).toBe('dialog');
    expect(shadowOf(window).querySelector('iframe')).toBeNull();
    expect(window.document.querySelector('iframe')).toBeNull();

    launcher.click();
    const panel = panelOf(window);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(launcher.getAttribute('aria-controls')).toBe(panel.id);
    expect(shadowOf(window).getElementById(panel.id)).toBe(panel);
  });

  it('opens one iframe on the app origin that says who embeds it and how it should look', () => {
    const window = loadStorefront({ attributes: 'data-locale="zh-CN" data-color="#ff5500"' });
    expect(launcherOf(window).getAttribute('aria-label')).toBe('在线客服');
    window.ShopChat('open');
    window.ShopChat('close');
    window.ShopChat('toggle');
    expect(shadowOf(window).querySelectorAll('iframe')).toHaveLength(1);
    const src = new URL(panelOf(window).src);
    expect(src.origin + src.pathname).toBe(`${APP_ORIGIN}/embed`);
    expect(Object.fromEntries(src.searchParams)).toEqual({ origin: SHOP_ORIGIN, locale: 'zh-CN', color: '#ff5500' });
  });

  it('leaves out a colour that is not #rrggbb and picks readable text for the colour it uses', () => {
    const window = loadStorefront({ attributes: 'data-color="red;}*{display:none"' });
    expect(window.getComputedStyle(launcherOf(window)).color).toBe('rgb(255, 255, 255)');
    window.ShopChat('open');
    expect(new URL(panelOf(window).src).searchParams.has('color')).toBe(false);

    const yellowShop = loadStorefront({ attributes: 'data-color="#ffeb3b" data-launcher-text="Questions?"' });
    expect(yellowShop.getComputedStyle(launcherOf(yellowShop)).color).toBe('rgb(0, 0, 0)');
    expect(launcherOf(yellowShop).textContent).toBe('Questions?');
  });

  it('replays the calls a storefront queued before the script loaded, in order', () => {
    const opened = vi.fn();
    const window = loadStorefront({
      beforeLoad: (page) => {
        page.eval(QUEUE_STUB);
        page.ShopChat('on', 'open', opened);
        page.ShopChat('identify', shopperToken('customer-7'));
        page.ShopChat('open');
      },
    });
    expect(opened).toHaveBeenCalledOnce();
    expect(launcherOf(window).getAttribute('aria-expanded')).toBe('true');
    expect(shadowOf(window).querySelectorAll('iframe')).toHaveLength(1);
    expect(storedSession(window).customer).toBe('customer-7');
    expect('q' in window.ShopChat).toBe(false);
  });

  it('does nothing more when the script is included twice', () => {
    const window = loadStorefront();
    const api = window.ShopChat;
    window.eval(loaderCode);
    expect(window.document.querySelectorAll('shop-chat')).toHaveLength(1);
    expect(window.ShopChat).toBe(api);
  });

  it('waits for the body when it runs from <head> before the page is parsed', () => {
    const window = loadStorefront({
      beforeLoad: (page) => {
        page.document.head.append(...page.document.querySelectorAll('script'));
        page.document.body.remove();
      },
    });
    expect(window.document.querySelector('shop-chat')).toBeNull();
    window.document.documentElement.append(window.document.createElement('body'));
    window.document.dispatchEvent(new window.Event('DOMContentLoaded', { bubbles: true }));
    expect(window.document.body.querySelectorAll('shop-chat')).toHaveLength(1);
  });

  it('warns about calls it does not know instead of failing', () => {
    const window = loadStorefront();
    const warn = vi.spyOn(window.console, 'warn').mockImplementation(() => {});
    window.ShopChat('on', 'opened', () => {});
    window.ShopChat('maximize');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(shadowOf(window).querySelector('iframe')).toBeNull();
  });

  it('answers the widget’s ready with the session and visibility, posted to the app origin only', () => {
    const window = loadStorefront();
    window.ShopChat('identify', shopperToken('customer-7'));
    window.ShopChat('open');
    const post = vi.spyOn(panelOf(window).contentWindow as Window, 'postMessage');
    postFromWidget(window, { protocol: PROTOCOL, type: 'ready' });

    const { conversationId, visitorSecret } = storedSession(window);
    expect(post.mock.calls).toEqual([
      [
        { protocol: PROTOCOL, type: 'session', session: { conversationId, visitorSecret, token: shopperToken('customer-7') } },
        APP_ORIGIN,
      ],
      [{ protocol: PROTOCOL, type: 'visibility', open: true }, APP_ORIGIN],
    ]);
    // The token lives in memory only: never in storage or the iframe's URL.
    expect(window.localStorage.getItem(STORAGE_KEY)).not.toContain(shopperToken('customer-7'));
    expect(panelOf(window).src).not.toContain(shopperToken('customer-7'));
  });

  it('ignores messages from another origin or another window', () => {
    const window = loadStorefront();
    window.ShopChat('open');
    const close = { protocol: PROTOCOL, type: 'close' } as const;
    postFromWidget(window, close, { origin: 'https://evil.test' });
    postFromWidget(window, close, { source: window as unknown as Window });
    postFromWidget(window, { ...close, protocol: 'other/1' } as unknown as WidgetMessage);
    expect(launcherOf(window).getAttribute('aria-expanded')).toBe('true');

    postFromWidget(window, close);
    expect(launcherOf(window).getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps ids that the API accepts in the storefront’s storage, across page loads', () => {
    const first = loadStorefront();
    const session = storedSession(first);
    expect(session.conversationId).toMatch(SESSION_ID_PATTERN);
    expect(session.conversationId).toHaveLength(32);
    expect(session.visitorSecret).toMatch(SESSION_ID_PATTERN);
    expect(session.visitorSecret).not.toBe(session.conversationId);
    expect(session.customer).toBe('');

    const nextPage = loadStorefront({ beforeLoad: (page) => page.localStorage.setItem(STORAGE_KEY, JSON.stringify(session)) });
    expect(storedSession(nextPage)).toEqual(session);
  });

  it('gives a different shopper a new conversation and lets the same shopper continue', () => {
    const window = loadStorefront();
    window.ShopChat('identify', shopperToken('customer-7'));
    const first = storedSession(window);
    expect(first.customer).toBe('customer-7');

    window.ShopChat('identify', shopperToken('customer-7'));
    expect(storedSession(window)).toEqual(first);

    window.ShopChat('identify', shopperToken('customer-8'));
    const second = storedSession(window);
    expect(second.customer).toBe('customer-8');
    expect(second.conversationId).not.toBe(first.conversationId);
    expect(second.conversationId).toMatch(SESSION_ID_PATTERN);
  });

  it('refuses a token it cannot read', () => {
    const window = loadStorefront();
    const warn = vi.spyOn(window.console, 'warn').mockImplementation(() => {});
    const before = storedSession(window);
    window.ShopChat('identify', 'not-a-jwt');
    expect(storedSession(window)).toEqual(before);
    expect(warn).toHaveBeenCalled();
  });

  it('starts over on reset: new ids, no customer, and tells the widget', () => {
    const window = loadStorefront();
    window.ShopChat('identify', shopperToken('customer-7'));
    window.ShopChat('open');
    postFromWidget(window, { protocol: PROTOCOL, type: 'ready' });
    const before = storedSession(window);
    const post = vi.spyOn(panelOf(window).contentWindow as Window, 'postMessage');

    window.ShopChat('reset');
    const after = storedSession(window);
    expect(after.customer).toBe('');
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(after.visitorSecret).not.toBe(before.visitorSecret);
    expect(post).toHaveBeenCalledWith(
      {
        protocol: PROTOCOL,
        type: 'session',
        session: { conversationId: after.conversationId, visitorSecret: after.visitorSecret, token: null },
      },
      APP_ORIGIN,
    );
  });

  it('does not continue a signed-in conversation for a shopper who opens the chat without identify', () => {
    const signedIn = { conversationId: 'A'.repeat(32), visitorSecret: 'V'.repeat(32), customer: 'customer-7' };
    const window = loadStorefront({ beforeLoad: (page) => page.localStorage.setItem(STORAGE_KEY, JSON.stringify(signedIn)) });
    expect(storedSession(window)).toEqual(signedIn);
    window.ShopChat('open');
    const after = storedSession(window);
    expect(after.customer).toBe('');
    expect(after.conversationId).not.toBe(signedIn.conversationId);
    expect(after.visitorSecret).toBe(signedIn.visitorSecret);
  });

  it('stores the conversation the widget starts, if its id is valid', () => {
    const window = loadStorefront();
    window.ShopChat('open');
    postFromWidget(window, { protocol: PROTOCOL, type: 'conversation', conversationId: 'too-short' });
    expect(storedSession(window).conversationId).not.toBe('too-short');
    postFromWidget(window, { protocol: PROTOCOL, type: 'conversation', conversationId: anotherId });
    expect(storedSession(window).conversationId).toBe(anotherId);
  });

  it('counts unread answers on the launcher while closed and clears them on open', () => {
    const window = loadStorefront();
    const unread = vi.fn();
    window.ShopChat('on', 'unread', unread);
    window.ShopChat('open');
    const post = vi.spyOn(panelOf(window).contentWindow as Window, 'postMessage');
    window.ShopChat('close');
    // Nothing is posted to the frame before the widget in it says ready.
    expect(post).not.toHaveBeenCalled();
    postFromWidget(window, { protocol: PROTOCOL, type: 'ready' });
    postFromWidget(window, { protocol: PROTOCOL, type: 'unread', count: 3 });

    const launcher = launcherOf(window);
    const badge = launcher.querySelector('b');
    expect(badge?.hidden).toBe(false);
    expect(badge?.textContent).toBe('3');
    expect(launcher.getAttribute('aria-label')).toBe('Chat with us (3)');
    expect(unread).toHaveBeenLastCalledWith(3);

    launcher.click();
    expect(badge?.hidden).toBe(true);
    expect(launcher.getAttribute('aria-label')).toBe('Chat with us');
    expect(unread).toHaveBeenLastCalledWith(0);
    expect(post).toHaveBeenCalledWith({ protocol: PROTOCOL, type: 'visibility', open: true }, APP_ORIGIN);

    postFromWidget(window, { protocol: PROTOCOL, type: 'unread', count: 2 });
    expect(badge?.hidden).toBe(true);
  });

  it('moves focus into the chat on open and back to the launcher when the chat closes itself', () => {
    const window = loadStorefront();
    const events: string[] = [];
    window.ShopChat('on', 'open', () => events.push('open'));
    window.ShopChat('on', 'close', () => events.push('close'));
    window.ShopChat('on', 'ready', () => events.push('ready'));
    const launcher = launcherOf(window);
    launcher.focus();
    launcher.click();
    expect(shadowOf(window).activeElement).toBe(panelOf(window));

    postFromWidget(window, { protocol: PROTOCOL, type: 'ready' });
    postFromWidget(window, { protocol: PROTOCOL, type: 'close' });
    expect(shadowOf(window).activeElement).toBe(launcher);
    expect(events).toEqual(['open', 'ready', 'close']);
  });

  it('closes on Escape while the launcher has focus', () => {
    const window = loadStorefront();
    const launcher = launcherOf(window);
    launcher.click();
    launcher.focus();
    launcher.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(shadowOf(window).activeElement).toBe(launcher);
  });

  it('fits the full-screen phone panel to the visual viewport, above the keyboard', () => {
    const viewport = Object.assign(new EventTarget(), { height: 700, offsetTop: 0 });
    const window = loadStorefront({
      phone: true,
      beforeLoad: (page) => Object.defineProperty(page, 'visualViewport', { value: viewport }),
    });
    window.ShopChat('open');
    const panel = panelOf(window);
    expect(panel.style.height).toBe('700px');

    Object.assign(viewport, { height: 380, offsetTop: 120 });
    viewport.dispatchEvent(new Event('resize'));
    expect(panel.style.height).toBe('380px');
    expect(panel.style.top).toBe('120px');

    window.ShopChat('close');
    expect(panel.style.height).toBe('');
  });
});
