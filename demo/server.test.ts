import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyShopperToken } from '@/lib/auth/shopper-token';
import { CLASSIC_CUSTOMER_ID, CLASSIC_SKU } from '@/lib/store/demo';
import { type Catalog, demoCatalog } from './catalog';
import { type Storefront, startStorefront, TOKEN_LIFETIME_SECONDS } from './server';

const SECRET = 'demo-storefront-test-secret';
const APP_URL = 'http://app.test:4000';

/** A browser in miniature: keeps cookies, does not follow redirects, posts forms from the storefront's origin. */
class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly storefront: Storefront) {}

  async get(path: string): Promise<{ response: Response; body: string }> {
    const response = await this.fetch(path, {});
    return { response, body: await response.text() };
  }

  post(path: string, form: Record<string, string>, origin = this.storefront.url): Promise<Response> {
    return this.fetch(path, { method: 'POST', body: new URLSearchParams(form), headers: { origin } });
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(new URL(path, this.storefront.url), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

const IDENTIFY = /ShopChat\('identify', ("[^"]*")\);/;

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('demo storefront', () => {
  let storefront: Storefront;
  const catalog = demoCatalog();

  beforeAll(async () => {
    storefront = await startStorefront({
      port: 0,
      host: '127.0.0.1',
      appUrl: `${APP_URL}/`,
      shopperTokenSecret: SECRET,
      catalog,
    });
  });
  afterAll(() => storefront.close());

  it('embeds the chat from the app, as a merchant would, and lists the products with their prices', async () => {
    const { response, body } = await new Visitor(storefront).get('/');

    expect(response.status).toBe(200);
    expect(body).toContain(`<script src="${APP_URL}/widget.js" data-locale="zh-CN" async></script>`);
    expect(body).toContain(
      'window.ShopChat = window.ShopChat || function(){(window.ShopChat.q = window.ShopChat.q || []).push(arguments)};',
    );
    expect(body).toContain("ShopChat('open')");
    expect(body).not.toMatch(IDENTIFY);
    expect(body).not.toContain("ShopChat('reset')");
    expect(body).toMatch(/<a class="card" href="\/products\/SKU-LIMITED-SNEAKER-01">[\s\S]*?¥1,299\.00/);
    expect(catalog.products.length).toBeGreaterThanOrEqual(8);
    for (const product of catalog.products) {
      expect(body).toContain(`href="/products/${product.sku}"`);
      expect(body).toContain(product.name.zh);
    }

    // The page's own CSP lets the app's loader and frame in, and its inline script runs by nonce.
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain(`script-src 'nonce-${nonce}' ${APP_URL}`);
    expect(csp).toContain(`frame-src ${APP_URL}`);
    expect(body).toContain(`<script nonce="${nonce}">`);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('offers the demo customers with their member levels, 张伟 (gold) first, plus Guest', async () => {
    const { body } = await new Visitor(storefront).get('/');

    const options = [...body.matchAll(/<option value="([^"]+)"/g)].map((match) => match[1]);
    expect(options[0]).toBe(CLASSIC_CUSTOMER_ID);
    expect(options.at(-1)).toBe('guest');
    expect(options.length).toBeGreaterThanOrEqual(5);
    expect(options.length).toBeLessThanOrEqual(7);
    expect(body).toMatch(/C-1001 张伟 · 黄金会员/);
  });

  it('switches to English with ?lang=en and remembers the choice', async () => {
    const visitor = new Visitor(storefront);
    const first = await visitor.get('/?lang=en');
    const later = await visitor.get(`/products/${CLASSIC_SKU}`);

    for (const { body } of [first, later]) {
      expect(body).toContain(`<script src="${APP_URL}/widget.js" data-locale="en" async></script>`);
      expect(body).toContain('<html lang="en">');
      expect(body).toContain('Chat with us');
    }
    expect(later.body).toContain('Limited Retro Sneaker');
    expect((await visitor.get('/?lang=zh')).body).toContain('data-locale="zh-CN"');
  });

  it('signs C-1001 in: every page identifies the shopper with a fresh 15-minute token the app accepts', async () => {
    const visitor = new Visitor(storefront);
    const signIn = await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back: `/products/${CLASSIC_SKU}` });

    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe(`/products/${CLASSIC_SKU}`);
    expect(signIn.headers.get('set-cookie')).toMatch(/^demo_customer=C-1001; Path=\/; HttpOnly; SameSite=Lax$/);

    const before = Date.now();
    const { body } = await visitor.get(`/products/${CLASSIC_SKU}`);
    const token = JSON.parse(IDENTIFY.exec(body)?.[1] ?? 'null') as string;
    const verified = await verifyShopperToken(token, SECRET);

    expect(verified.customerId).toBe(CLASSIC_CUSTOMER_ID);
    const lifetime = verified.expiresAt.getTime() - before;
    expect(lifetime).toBeLessThanOrEqual(TOKEN_LIFETIME_SECONDS * 1000);
    expect(lifetime).toBeGreaterThan((TOKEN_LIFETIME_SECONDS - 60) * 1000);
    expect(TOKEN_LIFETIME_SECONDS).toBe(15 * 60);
    await expect(verifyShopperToken(token, 'another-secret')).rejects.toThrow(/signature/);
    expect(body).toContain('<option value="C-1001" selected>');
    expect(body).not.toContain("ShopChat('reset')");
  });

  it('signing out resets the widget on the next page, once', async () => {
    const visitor = new Visitor(storefront);
    await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back: '/' });
    const signOut = await visitor.post('/sign-out', { back: '/' });

    expect(signOut.status).toBe(303);
    expect(visitor.cookies.has('demo_customer')).toBe(false);
    const next = await visitor.get('/');
    expect(count(next.body, "ShopChat('reset')")).toBe(1);
    expect(next.body).not.toMatch(IDENTIFY);
    const after = await visitor.get('/');
    expect(after.body).not.toContain("ShopChat('reset')");
  });

  it('switching straight to another customer resets the widget, then identifies the new shopper', async () => {
    const visitor = new Visitor(storefront);
    await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back: '/' });
    const other = catalog.customers[1]?.id ?? '';
    await visitor.post('/sign-in', { customer: other, back: '/' });

    const { body } = await visitor.get('/');
    expect(body.indexOf("ShopChat('reset')")).toBeGreaterThan(0);
    expect(body.indexOf("ShopChat('reset')")).toBeLessThan(body.search(IDENTIFY));
    const token = JSON.parse(IDENTIFY.exec(body)?.[1] ?? 'null') as string;
    expect((await verifyShopperToken(token, SECRET)).customerId).toBe(other);
  });

  it('rejects an unknown customer or a missing one with 400 and sets no cookie', async () => {
    const visitor = new Visitor(storefront);
    const forms: Record<string, string>[] = [
      { customer: 'C-9999', back: '/' },
      { customer: '<script>', back: '/' },
      { back: '/' },
    ];
    for (const form of forms) {
      const response = await visitor.post('/sign-in', form);
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    }
    expect((await visitor.get('/')).body).not.toMatch(IDENTIFY);
  });

  it('refuses sign-in posts from another site, and redirects only within the storefront', async () => {
    const visitor = new Visitor(storefront);
    const crossSite = await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back: '/' }, 'http://evil.test');
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    for (const back of ['//evil.test/', '/\\evil.test', 'http://evil.test/']) {
      const response = await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back });
      expect(response.headers.get('location')).toBe('/');
    }
  });

  it('escapes what it prints', async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const [product] = catalog.products;
    if (!product) throw new Error('the demo catalog has no products');
    const hostileCatalog: Catalog = {
      ...catalog,
      shopName: `</title><script>alert(1)</script>`,
      products: [{ ...product, name: { zh: hostile, en: hostile } }],
      customers: [{ id: 'C-1"><x', name: hostile, level: null }],
    };
    const hostileStore = await startStorefront({ port: 0, host: '127.0.0.1', appUrl: APP_URL, catalog: hostileCatalog });
    try {
      const { body } = await new Visitor(hostileStore).get('/');
      expect(body).not.toContain(hostile);
      expect(body).not.toContain('<script>alert(1)');
      expect(body).not.toContain('C-1"><x');
      expect(body).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
      expect(body).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;');

      const missing = await new Visitor(hostileStore).get('/products/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      expect(missing.response.status).toBe(404);
      expect(missing.body).toContain('/products/&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(missing.body).not.toContain('<script>alert(1)');
    } finally {
      await hostileStore.close();
    }
  });

  it('shows a product page for each product and 404 for others', async () => {
    const visitor = new Visitor(storefront);
    const product = await visitor.get(`/products/${CLASSIC_SKU}`);
    expect(product.response.status).toBe(200);
    expect(product.body).toContain('限量版复古球鞋');
    expect(product.body).toContain('1985 年经典篮球鞋复刻');
    expect(product.body).toContain(`${APP_URL}/widget.js`);
    expect((await visitor.get('/products/NO-SUCH-SKU')).response.status).toBe(404);
    expect((await visitor.post('/', {})).status).toBe(405);
  });
});

describe('demo storefront without SHOPPER_TOKEN_SECRET', () => {
  it('still serves the shop but disables sign-in and says which variable to set', async () => {
    const storefront = await startStorefront({ port: 0, host: '127.0.0.1', appUrl: APP_URL });
    try {
      const visitor = new Visitor(storefront);
      const { response, body } = await visitor.get('/');
      expect(response.status).toBe(200);
      expect(body).toContain('<select id="customer" name="customer" disabled>');
      expect(body).toContain('SHOPPER_TOKEN_SECRET');
      expect(body).toContain(`${APP_URL}/widget.js`);

      const signIn = await visitor.post('/sign-in', { customer: CLASSIC_CUSTOMER_ID, back: '/' });
      expect(signIn.status).toBe(403);
      expect(signIn.headers.get('set-cookie')).toBeNull();
      visitor.cookies.set('demo_customer', CLASSIC_CUSTOMER_ID);
      expect((await visitor.get('/')).body).not.toMatch(IDENTIFY);
    } finally {
      await storefront.close();
    }
  });
});
