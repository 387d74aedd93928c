import { expect, test } from '@playwright/test';
import { signShopperToken } from '../lib/auth/shopper-token';
import { chatBody } from './helpers';
import { E2E_SHOPPER_TOKEN_SECRET } from './support';

interface Chunk {
  type: string;
  [key: string]: unknown;
}

function chunksOf(body: string): Chunk[] {
  return body
    .split('\n\n')
    .map((event) => event.replace(/^data: /, '').trim())
    .filter((data) => data !== '' && data !== '[DONE]')
    .map((data) => JSON.parse(data) as Chunk);
}

const textOf = (chunks: Chunk[]) => chunks.map((c) => (c.type === 'text-delta' ? String(c.delta) : '')).join('');

test('GET /api/health is ready on the embedded database without Redis, and /api/health/live answers', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({
    status: 'ok',
    model: 'offline',
    database: 'pglite',
    shared: 'instance',
    checks: { database: { ok: true }, redis: 'not configured' },
    shuttingDown: false,
  });
  const live = await request.get('/api/health/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'alive' });
});

test('POST /api/chat answers an anonymous shopper through the tools and keeps the conversation theirs', async ({ request }) => {
  const id = `e2e${Date.now()}anonymous`;
  const first = await request.post('/api/chat', { data: chatBody(id, 'Limited Retro Sneaker') });
  expect(first.status()).toBe(200);
  expect(first.headers()['content-type']).toContain('text/event-stream');
  const chunks = chunksOf(await first.text());
  const output = chunks.find((c) => c.type === 'tool-output-available');
  expect(JSON.stringify(output?.output)).toContain('SKU-LIMITED-SNEAKER-01');
  expect(textOf(chunks)).toContain('SKU-LIMITED-SNEAKER-01');

  const cookie = first.headers()['set-cookie']?.split(';')[0] ?? '';
  expect(cookie).toMatch(/^shopchat_visitor=/);
  const again = await request.post('/api/chat', { data: chatBody(id, 'thanks'), headers: { cookie } });
  expect(again.status()).toBe(200);
  const stranger = await request.post('/api/chat', {
    data: chatBody(id, 'let me in'),
    headers: { cookie: 'shopchat_visitor=someoneElseEntirelyXXXXXXXXXXXXXXXXXXXXXXXXX' },
  });
  expect(stranger.status()).toBe(404);

  const history = await request.get(`/api/conversations/${id}`, { headers: { cookie } });
  expect(history.status()).toBe(200);
  const { messages } = (await history.json()) as { messages: { role: string }[] };
  expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  const notTheirs = await request.get(`/api/conversations/${id}`, {
    headers: { cookie: 'shopchat_visitor=someoneElseEntirelyXXXXXXXXXXXXXXXXXXXXXXXXX' },
  });
  expect(notTheirs.status()).toBe(404);
});

test('POST /api/chat checks shopper tokens and rejects bad input', async ({ request }) => {
  const valid = await signShopperToken('C-1001', E2E_SHOPPER_TOKEN_SECRET);
  const signedIn = await request.post('/api/chat', {
    data: chatBody(`e2e${Date.now()}signedin`, 'hello'),
    headers: { authorization: `Bearer ${valid}` },
  });
  expect(signedIn.status()).toBe(200);

  const forged = await signShopperToken('C-1001', 'not-the-shop-secret-0123456789abcdef');
  const rejected = await request.post('/api/chat', {
    data: chatBody(`e2e${Date.now()}forged`, 'hello'),
    headers: { authorization: `Bearer ${forged}` },
  });
  expect(rejected.status()).toBe(401);
  expect((await rejected.json()).error.code).toBe('unauthorized');

  const notJson = await request.post('/api/chat', { data: 'not json', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
  const tooLong = await request.post('/api/chat', { data: chatBody(`e2e${Date.now()}toolong`, 'x'.repeat(4001)) });
  expect(tooLong.status()).toBe(400);
});
