import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';

const APP = 'https://support.example.com';
const STOREFRONT = 'https://shop.example.com';

function request(method: string, path: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`${APP}${path}`, { method, headers: { host: 'support.example.com', ...headers } });
}

/** NextResponse.next() (the route runs) or the proxy's own 403. */
function outcome(response: Response): 'passed' | number {
  return response.headers.get('x-middleware-next') === '1' ? 'passed' : response.status;
}

describe('the staff API answers only the app’s own pages (proxy.ts)', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.WIDGET_ALLOWED_ORIGINS;
    process.env.WIDGET_ALLOWED_ORIGINS = STOREFRONT;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.WIDGET_ALLOWED_ORIGINS;
    else process.env.WIDGET_ALLOWED_ORIGINS = saved;
  });

  it('refuses mutations from a foreign site and from an allowed storefront alike, with a 403 body', async () => {
    for (const origin of ['https://evil.example.net', STOREFRONT, 'null', 'http://support.example.com.evil.example.net']) {
      for (const [method, path] of [
        ['POST', '/api/staff/login'],
        ['POST', '/api/staff/logout'],
        ['PUT', '/api/console/settings'],
        ['PATCH', '/api/console/conversations/c1'],
        ['DELETE', '/api/console/staff/s1'],
      ] as const) {
        const response = proxy(request(method, path, { origin }));
        expect([origin, method, path, outcome(response)]).toEqual([origin, method, path, 403]);
      }
    }
    const refused = proxy(request('POST', '/api/staff/login', { origin: STOREFRONT }));
    expect(await refused.json()).toEqual({
      error: { code: 'forbidden', message: 'The staff API answers only the console’s own pages.' },
    });
    // The same storefront is welcome on the shopper API.
    expect(outcome(proxy(request('POST', '/api/chat', { origin: STOREFRONT })))).toBe('passed');
  });

  it('lets mutations from the app’s own origin through, also behind a proxy that forwards the host', () => {
    expect(outcome(proxy(request('POST', '/api/staff/login', { origin: APP })))).toBe('passed');
    expect(outcome(proxy(request('DELETE', '/api/console/staff/s1', { origin: APP })))).toBe('passed');
    const forwarded = new NextRequest('http://10.0.0.5:3000/api/staff/logout', {
      method: 'POST',
      headers: { host: '10.0.0.5:3000', 'x-forwarded-host': 'support.example.com', origin: APP },
    });
    expect(outcome(proxy(forwarded))).toBe('passed');
  });

  it('without an Origin header, lets a mutation through only when the browser says it is same-origin', () => {
    expect(outcome(proxy(request('POST', '/api/staff/login', { 'sec-fetch-site': 'same-origin' })))).toBe('passed');
    expect(outcome(proxy(request('POST', '/api/staff/login', { 'sec-fetch-site': 'same-site' })))).toBe(403);
    expect(outcome(proxy(request('POST', '/api/staff/login', { 'sec-fetch-site': 'cross-site' })))).toBe(403);
    expect(outcome(proxy(request('POST', '/api/staff/logout')))).toBe(403);
  });

  it('lets reads through unless a foreign page asks', () => {
    expect(outcome(proxy(request('GET', '/api/staff/me')))).toBe('passed');
    expect(outcome(proxy(request('GET', '/api/staff/me', { origin: APP })))).toBe('passed');
    expect(outcome(proxy(request('GET', '/api/staff/me', { origin: STOREFRONT })))).toBe(403);
    expect(outcome(proxy(request('GET', '/api/staff/me', { origin: 'https://evil.example.net' })))).toBe(403);
  });
});
