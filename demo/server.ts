/**
 * The demo storefront: a merchant's own website on its own origin, embedding the chat the way any
 * merchant would. Signing in is a demo switcher, but what follows is what a real shop's backend does:
 * it signs a short-lived shopper token on the server and hands it to the widget with identify().
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { signShopperToken } from '@/lib/auth/shopper-token';
import { type Catalog, type DemoCustomer, demoCatalog, LANGS } from './catalog';
import { homePage, notFoundPage, type PageContext, productPage, type WidgetCall } from './pages';

export interface StorefrontOptions {
  port: number;
  host: string;
  /** The chat app's base URL: the loader is `${appUrl}/widget.js`. */
  appUrl: string;
  /** The app's SHOPPER_TOKEN_SECRET. Unset: nobody can sign in (the app could not verify the tokens). */
  shopperTokenSecret?: string;
  /** Defaults to products and customers from the app's demo store. */
  catalog?: Catalog;
}

export interface Storefront {
  url: string;
  /** The app it embeds the chat from, without a trailing slash. */
  appUrl: string;
  close(): Promise<void>;
}

export const TOKEN_LIFETIME_SECONDS = 15 * 60;
const SIGN_IN_DISABLED = 'Demo sign-in is off: start the storefront with SHOPPER_TOKEN_SECRET (the app uses the same one).';
const COOKIE = { customer: 'demo_customer', lang: 'demo_lang', reset: 'demo_reset' } as const;
const YEAR_SECONDS = 365 * 24 * 60 * 60;
/** Long enough for the redirect after signing out to reach the next page, which consumes it. */
const RESET_FLASH_SECONDS = 5 * 60;
const MAX_FORM_BYTES = 4096;

const langSchema = z.enum(LANGS);
/** Back to a path on this site only (never "//other.example" or "/\other.example"); otherwise home. */
const backSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s\\]*$/)
  .catch('/');
const signInForm = z.object({ customer: z.string().min(1).max(100), back: backSchema });
const signOutForm = z.object({ back: backSchema });

interface Site {
  catalog: Catalog;
  customers: ReadonlyMap<string, DemoCustomer>;
  appUrl: string;
  appOrigin: string;
  secret: string | undefined;
}

export async function startStorefront(options: StorefrontOptions): Promise<Storefront> {
  const catalog = options.catalog ?? demoCatalog();
  const appUrl = options.appUrl.replace(/\/+$/, '');
  const site: Site = {
    catalog,
    customers: new Map(catalog.customers.map((customer) => [customer.id, customer])),
    appUrl,
    appOrigin: new URL(appUrl).origin,
    secret: options.shopperTokenSecret || undefined,
  };

  const server = createServer((req, res) => {
    handle(site, req, res).catch((error: unknown) => {
      console.error('Demo storefront:', error);
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'The demo storefront failed; see its console.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  // A wildcard address is not one a browser can open; localhost reaches it.
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    appUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://storefront.invalid');
  const cookies = parseCookies(req.headers.cookie);

  if (url.pathname === '/sign-in' || url.pathname === '/sign-out') {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST.', { allow: 'POST' });
    return handleAccount(site, req, res, url.pathname, cookies);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Use GET.', { allow: 'GET, HEAD' });

  if (url.pathname === '/') return sendPage(site, res, url, cookies, 200, homePage);
  const path = decodeOr(url.pathname);
  const product = site.catalog.products.find((p) => path === `/products/${p.sku}`);
  if (product) return sendPage(site, res, url, cookies, 200, (ctx) => productPage(ctx, product));
  return sendPage(site, res, url, cookies, 404, (ctx) => notFoundPage(ctx, path));
}

async function sendPage(
  site: Site,
  res: ServerResponse,
  url: URL,
  cookies: ReadonlyMap<string, string>,
  status: number,
  render: (ctx: PageContext) => string,
): Promise<void> {
  const setCookies: string[] = [];
  const chosenLang = langSchema.safeParse(url.searchParams.get('lang'));
  if (chosenLang.success) setCookies.push(cookie(COOKIE.lang, chosenLang.data, YEAR_SECONDS));
  const lang = chosenLang.success ? chosenLang.data : langSchema.catch('zh').parse(cookies.get(COOKIE.lang));

  const customer = site.secret ? (site.customers.get(cookies.get(COOKIE.customer) ?? '') ?? null) : null;
  const widgetCalls: WidgetCall[] = [];
  if (cookies.has(COOKIE.reset)) {
    widgetCalls.push({ method: 'reset' });
    setCookies.push(cookie(COOKIE.reset, '', 0));
  }
  if (customer && site.secret) {
    // Minted per page, as a merchant's backend would: short-lived, so a leaked page is worth little.
    const token = await signShopperToken(customer.id, site.secret, { expiresInSeconds: TOKEN_LIFETIME_SECONDS });
    widgetCalls.push({ method: 'identify', token });
  }

  const nonce = randomBytes(16).toString('base64');
  const body = render({
    lang,
    catalog: site.catalog,
    appUrl: site.appUrl,
    nonce,
    path: url.pathname,
    customer,
    signInEnabled: site.secret !== undefined,
    widgetCalls,
  });
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(site.appOrigin, nonce),
    // The page carries a shopper token: no cache may keep it.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'set-cookie': setCookies,
  });
  res.end(body);
}

async function handleAccount(
  site: Site,
  req: IncomingMessage,
  res: ServerResponse,
  action: '/sign-in' | '/sign-out',
  cookies: ReadonlyMap<string, string>,
): Promise<void> {
  // SameSite=Lax already keeps the cookie off cross-site posts; this also stops another site signing the visitor in.
  const origin = req.headers.origin;
  if (origin !== undefined && URL.parse(origin)?.host !== req.headers.host) {
    return sendText(res, 403, 'Sign-in forms are accepted from this site only.');
  }
  const form = await readForm(req);
  if (form === null) return sendText(res, 413, 'The form is too large.');
  const current = site.customers.get(cookies.get(COOKIE.customer) ?? '') ?? null;

  if (action === '/sign-out') return redirect(res, signOutForm.parse(form).back, signOutCookies(current));

  if (!site.secret) return sendText(res, 403, SIGN_IN_DISABLED);
  const parsed = signInForm.safeParse(form);
  if (!parsed.success) return sendText(res, 400, 'Choose a demo customer to sign in as.');
  const { customer: id, back } = parsed.data;
  if (id === 'guest') return redirect(res, back, signOutCookies(current));
  const customer = site.customers.get(id);
  if (!customer) return sendText(res, 400, `There is no demo customer ${JSON.stringify(id)}.`);

  const setCookies = [cookie(COOKIE.customer, customer.id)];
  // Switching straight to someone else: the previous shopper's conversation must not carry over.
  if (current && current.id !== customer.id) setCookies.push(cookie(COOKIE.reset, '1', RESET_FLASH_SECONDS));
  return redirect(res, back, setCookies);
}

/**
 * Signing out clears the customer and, if someone was signed in, asks the next page to reset the widget.
 * The deletion goes last: curl (7.88) forgets a deletion that another Set-Cookie follows.
 */
function signOutCookies(current: DemoCustomer | null): string[] {
  return [...(current ? [cookie(COOKIE.reset, '1', RESET_FLASH_SECONDS)] : []), cookie(COOKIE.customer, '', 0)];
}

function contentSecurityPolicy(appOrigin: string, nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' ${appOrigin}`,
    // The loader styles the launcher and panel it adds to this page.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${appOrigin}`,
    `connect-src 'self' ${appOrigin}`,
    `frame-src ${appOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The form fields, or null when the body is larger than any form of this site. */
async function readForm(req: IncomingMessage): Promise<Record<string, string> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), decodeOr(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/** Max-Age 0 deletes; no maxAge: a session cookie. */
function cookie(name: string, value: string, maxAgeSeconds?: number): string {
  const maxAge = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax${maxAge}`;
}

function decodeOr(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function redirect(res: ServerResponse, location: string, setCookies: string[]): void {
  res.writeHead(303, { location, 'set-cookie': setCookies, 'cache-control': 'no-store' });
  res.end();
}

function sendText(res: ServerResponse, status: number, message: string, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(`${message}\n`);
}
