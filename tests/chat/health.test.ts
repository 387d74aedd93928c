import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/chat/health';
import { createChatRuntime } from '@/lib/chat/runtime';
import type { Database } from '@/lib/db/client';
import type { SharedRedis } from '@/lib/redis/connection';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { openTestDatabase } from '../support/test-database';
import { connectTestRedis, newKeyPrefix, TEST_REDIS_URL, waitFor } from '../support/test-redis';

describe('GET /api/health (readiness)', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });

  afterAll(async () => {
    await database.close();
  });

  it('is ready with the database answering, names the model, and keeps state in the instance without Redis', async () => {
    const { httpStatus, report } = await checkHealth(createChatRuntime(database, { TOOL_APPROVAL_SECRET: 'x' }));
    expect(httpStatus).toBe(200);
    expect(report).toMatchObject({
      status: 'ok',
      model: 'offline',
      database: 'pglite',
      shared: 'instance',
      checks: { database: { ok: true }, redis: 'not configured' },
      shuttingDown: false,
    });
  });

  it('names the OpenAI-compatible model when an API key is set, and a blank key counts as none', async () => {
    const withKey = createChatRuntime(database, {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODEL: 'qwen2.5-7b',
      TOOL_APPROVAL_SECRET: 'x',
    });
    expect((await checkHealth(withKey)).report.model).toBe('openai:qwen2.5-7b');
    const blank = createChatRuntime(database, { OPENAI_API_KEY: '', TOOL_APPROVAL_SECRET: 'x' });
    expect((await checkHealth(blank)).report.model).toBe('offline');
    const defaultModel = createChatRuntime(database, { OPENAI_API_KEY: 'sk-test', TOOL_APPROVAL_SECRET: 'x' });
    expect((await checkHealth(defaultModel)).report.model).toBe('openai:gpt-5-mini');
  });

  it('refuses malformed settings by name', () => {
    expect(() => createChatRuntime(database, { CHAT_MAX_STEPS: 'many', TOOL_APPROVAL_SECRET: 'x' })).toThrow(/CHAT_MAX_STEPS/);
    expect(() => createChatRuntime(database, { OPENAI_BASE_URL: 'not a url', TOOL_APPROVAL_SECRET: 'x' })).toThrow(
      /OPENAI_BASE_URL/,
    );
  });

  it('is unavailable (503) when the database does not answer', async () => {
    const closed = await openTestDatabase('pglite');
    await closed.close();
    const { httpStatus, report } = await checkHealth(createChatRuntime(closed, { TOOL_APPROVAL_SECRET: 'x' }));
    expect(httpStatus).toBe(503);
    expect(report.status).toBe('unavailable');
    expect(report.checks.database.ok).toBe(false);
    expect(report.checks.database.error).toBeTruthy();
  });
});

describe.skipIf(!TEST_REDIS_URL)('GET /api/health with Redis', () => {
  let database: Database;
  let proxy: TcpProxy;
  let redis: SharedRedis;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const target = new URL(TEST_REDIS_URL ?? '');
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    redis = await connectTestRedis(newKeyPrefix(), `redis://127.0.0.1:${proxy.port}`);
  });

  afterAll(async () => {
    await redis.close();
    await proxy.close();
    await database.close();
  });

  it('reports Redis up and shared state, then degraded (still 200) while Redis is away, then recovered', async () => {
    const runtime = createChatRuntime(database, { TOOL_APPROVAL_SECRET: 'x' }, { redis });
    const up = await checkHealth(runtime);
    expect(up.httpStatus).toBe(200);
    expect(up.report).toMatchObject({ status: 'ok', shared: 'redis', checks: { redis: { ok: true } } });

    await proxy.cut();
    await waitFor(() => !redis.isReady(), 'the connection to drop');
    const down = await checkHealth(runtime);
    expect(down.httpStatus).toBe(200);
    expect(down.report).toMatchObject({ status: 'degraded', shared: 'instance', checks: { redis: { ok: false } } });

    await proxy.restore();
    await waitFor(() => redis.isReady(), 'the reconnect');
    expect((await checkHealth(runtime)).report.status).toBe('ok');
  });
});
