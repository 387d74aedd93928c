import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { type FakeOpenAI, startFakeOpenAI } from '../tests/support/fake-openai';
import { startTcpProxy, type TcpProxy } from '../tests/support/tcp-proxy';
import { type AppInstance, createPostgresDatabase, queryPostgres, startInstance } from './instances';
import { APP_PORT } from './support';

// Two app instances on different ports share one PostgreSQL and one Redis, as behind a load
// balancer. Redis is reached through a relay the tests can cut, to take it away from the instances.
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.TEST_REDIS_URL;
test.skip(!ADMIN_DATABASE_URL || !REDIS_URL, 'needs PostgreSQL and Redis: CI sets TEST_DATABASE_URL and TEST_REDIS_URL');
test.describe.configure({ mode: 'serial' });
test.use({ screenshot: 'only-on-failure' });

const STAFF = { email: 'scale.admin@shop.example', password: randomBytes(18).toString('base64url') };
const KEY_PREFIX = `e2e-${randomBytes(6).toString('hex')}:`;
const QUICK_ANSWER = 'Happy to help! 很高兴为您服务。';
const SLOW_ANSWER =
  'The limited retro sneaker is in stock: 23 pairs in the East China warehouse, shipped within a day, arriving in two to three days.';

let fake: FakeOpenAI;
let redisRelay: TcpProxy;
let database: { url: string; drop(): Promise<void> };
let a: AppInstance;
let b: AppInstance;
const instances: AppInstance[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fake = await startFakeOpenAI({ otherwise: { text: QUICK_ANSWER } });
  const redisTarget = new URL(REDIS_URL ?? '');
  redisRelay = await startTcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
  database = await createPostgresDatabase(ADMIN_DATABASE_URL ?? '');
  // As on a deploy: migrations and the store first, then the instances.
  const toolEnv = { ...process.env, DATABASE_URL: database.url };
  execFileSync('npx', ['tsx', 'scripts/db.ts', 'seed'], { env: toolEnv, stdio: 'pipe' });
  execFileSync('npx', ['tsx', 'scripts/staff.ts', 'add', '--email', STAFF.email, '--role', 'admin', '--password-stdin'], {
    env: toolEnv,
    input: STAFF.password,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: `redis://127.0.0.1:${redisRelay.port}`,
    REDIS_KEY_PREFIX: KEY_PREFIX,
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_MODEL: 'gpt-test',
    TOOL_APPROVAL_SECRET: randomBytes(24).toString('base64url'),
    SHOPPER_TOKEN_SECRET: randomBytes(24).toString('base64url'),
    // Six requests back to back, then one per 100 s: small enough to hit in a test.
    CHAT_RATE_LIMIT_BURST: '6',
    CHAT_RATE_LIMIT_PER_SECOND: '0.01',
  };
  const started = await Promise.allSettled([startInstance('A', APP_PORT + 2, env), startInstance('B', APP_PORT + 3, env)]);
  for (const instance of started) if (instance.status === 'fulfilled') instances.push(instance.value);
  const failed = started.find((instance) => instance.status === 'rejected');
  if (failed) throw failed.reason;
  [a, b] = instances as [AppInstance, AppInstance];
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await redisRelay?.close();
  await fake?.close();
  await database?.drop();
  const redis = new Redis(REDIS_URL ?? '');
  const keys = await redis.keys(`${KEY_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

let conversationCounter = 0;
function newConversationId(): string {
  conversationCounter++;
  return `scale${randomBytes(8).toString('hex')}${conversationCounter}`;
}

interface Shopper {
  visitor: string;
  /** Each test's shoppers come from their own address, so the per-address limit is theirs. */
  ip: string;
}

function newShopper(ip: string): Shopper {
  return { visitor: randomBytes(32).toString('base64url'), ip };
}

function shopperHeaders(shopper: Shopper): Record<string, string> {
  return { 'x-shopchat-visitor': shopper.visitor, 'x-forwarded-for': shopper.ip };
}

function postTurn(instance: AppInstance, shopper: Shopper, conversationId: string, text: string, signal?: AbortSignal) {
  return fetch(`${instance.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...shopperHeaders(shopper) },
    body: JSON.stringify({
      id: conversationId,
      trigger: 'submit-message',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
    }),
    ...(signal && { signal }),
  });
}

/** The text a UI-message event stream carries, and whether it ended properly. */
function readAnswer(raw: string): { text: string; finished: boolean } {
  const events = raw
    .split('\n\n')
    .map((event) => event.replace(/^data: /, '').trim())
    .filter((data) => data.startsWith('{'))
    .map((data) => JSON.parse(data) as { type: string; delta?: string });
  return {
    text: events.flatMap((event) => (event.type === 'text-delta' && event.delta ? [event.delta] : [])).join(''),
    finished: events.some((event) => event.type === 'finish') && raw.includes('data: [DONE]'),
  };
}

function textReader(response: Response): ReadableStreamDefaultReader<string> {
  if (!response.body) throw new Error(`no body (HTTP ${response.status})`);
  return response.body.pipeThrough(new TextDecoderStream()).getReader();
}

/** Reads a streaming answer until its first text has arrived; the rest of the reader is returned. */
async function untilFirstText(response: Response) {
  expect(response.status).toBe(200);
  const reader = textReader(response);
  let seen = '';
  while (!seen.includes('"text-delta"')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the answer ended before any text: ${seen}`);
    seen += value;
  }
  return {
    seen,
    reader,
    async rest(): Promise<string> {
      let all = seen;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return all;
        all += value;
      }
    },
  };
}

async function health(instance: AppInstance): Promise<{ httpStatus: number; body: Record<string, unknown> }> {
  const response = await fetch(`${instance.url}/api/health`);
  return { httpStatus: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function savedAssistantText(conversationId: string): Promise<string | null> {
  const rows = await queryPostgres<{ text: string }>(
    database.url,
    `SELECT text FROM "ChatMessage" WHERE "conversationId" = $1 AND role = 'assistant' ORDER BY "createdAt" DESC LIMIT 1`,
    [conversationId],
  );
  return rows[0]?.text ?? null;
}

test('both instances are ready and share their state through Redis', async () => {
  for (const instance of [a, b]) {
    const { httpStatus, body } = await health(instance);
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      database: 'postgres',
      shared: 'redis',
      checks: { database: { ok: true }, redis: { ok: true } },
    });
  }
});

test('a rate limit hit on instance A applies on instance B', async () => {
  const shopper = newShopper('198.51.100.10');
  const conversationId = newConversationId();
  for (let turn = 1; turn <= 6; turn++) {
    const response = await postTurn(a, shopper, conversationId, `question ${turn}`);
    expect(response.status, `turn ${turn} on A`).toBe(200);
    expect(readAnswer(await response.text()).text).toBe(QUICK_ANSWER);
  }
  const refusedOnA = await postTurn(a, shopper, conversationId, 'one more on A');
  expect(refusedOnA.status).toBe(429);
  const refusedOnB = await postTurn(b, shopper, conversationId, 'and on B');
  expect(refusedOnB.status).toBe(429);
  expect(Number(refusedOnB.headers.get('retry-after'))).toBeGreaterThan(60);
  expect(((await refusedOnB.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

  // Someone else is not held back by it on B.
  const other = await postTurn(b, newShopper('198.51.100.11'), newConversationId(), 'hello');
  expect(other.status).toBe(200);
  await other.text();
});

test('a shopper message sent through A shows up live in a console stream opened on B', async () => {
  const signIn = await fetch(`${b.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: b.url },
    body: JSON.stringify(STAFF),
  });
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const controller = new AbortController();
  const events = await fetch(`${b.url}/api/console/events`, { headers: { cookie }, signal: controller.signal });
  expect(events.status).toBe(200);
  const reader = textReader(events);
  let received = '';
  while (!received.includes(': connected')) received += (await reader.read()).value ?? '';

  const conversationId = newConversationId();
  const turn = await postTurn(a, newShopper('198.51.100.20'), conversationId, 'is the retro sneaker in stock?');
  expect(turn.status).toBe(200);
  while (!received.includes(conversationId)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the console stream ended without the message: ${received}`);
    received += value;
  }
  expect(received).toMatch(new RegExp(`event: conversation\\ndata: \\{"conversationId":"${conversationId}","kind":"message"`));
  controller.abort();
  await turn.text();
});

test('an answer started on A is resumed through B after the shopper’s connection drops', async () => {
  fake.reply({ text: SLOW_ANSWER, chunks: 16, delayMs: 120 });
  const shopper = newShopper('198.51.100.30');
  const conversationId = newConversationId();
  const dropped = new AbortController();
  const started = await untilFirstText(
    await postTurn(a, shopper, conversationId, 'is the retro sneaker in stock?', dropped.signal),
  );
  dropped.abort();
  expect(readAnswer(started.seen).text.length).toBeLessThan(SLOW_ANSWER.length);

  const resumed = await fetch(`${b.url}/api/chat/${conversationId}/stream`, { headers: shopperHeaders(shopper) });
  expect(resumed.status).toBe(200);
  expect(resumed.headers.get('content-type')).toContain('text/event-stream');
  const answer = readAnswer(await resumed.text());
  expect(answer).toEqual({ text: SLOW_ANSWER, finished: true });

  // Only its owner may follow it, and once it is over there is nothing to resume.
  expect(
    (await fetch(`${b.url}/api/chat/${conversationId}/stream`, { headers: shopperHeaders(newShopper('198.51.100.31')) })).status,
  ).toBe(404);
  await expect.poll(() => savedAssistantText(conversationId)).toBe(SLOW_ANSWER);
  expect((await fetch(`${a.url}/api/chat/${conversationId}/stream`, { headers: shopperHeaders(shopper) })).status).toBe(204);
});

test('a shopper who reloads the widget mid-answer sees the answer carry on, once', async ({ page }) => {
  fake.reply({ text: SLOW_ANSWER, chunks: 16, delayMs: 150 });
  // Its own address: every page load reads the history and asks for an answer in flight.
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.60' });
  await page.goto(`${a.url}/embed`);
  await page.getByTestId('composer-input').fill('is the retro sneaker in stock?');
  await page.getByTestId('composer-input').press('Enter');
  const answers = page.getByTestId('message-assistant');
  await expect(answers.last()).toContainText('The limited retro sneaker');
  await page.reload();
  await expect(answers.last()).toContainText('arriving in two to three days.', { timeout: 15_000 });
  await expect(answers).toHaveCount(1);
  await expect(page.getByTestId('message-user')).toHaveCount(1);
  // And after another reload it is the stored answer.
  await page.reload();
  await expect(answers.last()).toContainText('arriving in two to three days.');
  await expect(answers).toHaveCount(1);
});

test('when Redis goes away the instances keep answering on local limits, say so in health, and recover', async () => {
  await redisRelay.cut();
  for (const instance of [a, b]) {
    await expect
      .poll(async () => (await health(instance)).body.status, { message: `${instance.name} reports degraded` })
      .toBe('degraded');
    const { httpStatus, body } = await health(instance);
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ shared: 'instance', checks: { database: { ok: true }, redis: { ok: false } } });

    const response = await postTurn(instance, newShopper('198.51.100.40'), newConversationId(), 'hello');
    expect(response.status).toBe(200);
    expect(readAnswer(await response.text())).toEqual({ text: QUICK_ANSWER, finished: true });
  }

  await redisRelay.restore();
  for (const instance of [a, b]) {
    await expect.poll(async () => (await health(instance)).body.status, { timeout: 15_000 }).toBe('ok');
  }
});

test('SIGTERM mid-answer: the instance finishes its answers, saves their transcripts, then exits', async () => {
  fake.reply({ text: SLOW_ANSWER, chunks: 16, delayMs: 120 }, { text: SLOW_ANSWER, chunks: 16, delayMs: 120 });
  const reading = { shopper: newShopper('198.51.100.50'), conversationId: newConversationId() };
  const gone = { shopper: newShopper('198.51.100.51'), conversationId: newConversationId() };
  const readingTurn = await untilFirstText(await postTurn(b, reading.shopper, reading.conversationId, 'stock?'));
  const dropped = new AbortController();
  await untilFirstText(await postTurn(b, gone.shopper, gone.conversationId, 'stock?', dropped.signal));
  dropped.abort();
  // A console tab's event stream is open too: it must not keep the instance alive.
  const signIn = await fetch(`${b.url}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: b.url },
    body: JSON.stringify(STAFF),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const consoleStream = await fetch(`${b.url}/api/console/events`, { headers: { cookie } });
  expect(consoleStream.status).toBe(200);

  const stoppedAt = Date.now();
  const exit = b.stop('SIGTERM');
  // The shopper still reading gets the whole answer.
  expect(readAnswer(await readingTurn.rest())).toEqual({ text: SLOW_ANSWER, finished: true });
  await consoleStream.text();
  const code = await exit;
  expect([0, 143], b.output()).toContain(code);
  expect(Date.now() - stoppedAt).toBeLessThan(20_000);

  expect(await savedAssistantText(reading.conversationId)).toBe(SLOW_ANSWER);
  expect(await savedAssistantText(gone.conversationId)).toBe(SLOW_ANSWER);
  // A still answers.
  expect((await health(a)).httpStatus).toBe(200);
});
