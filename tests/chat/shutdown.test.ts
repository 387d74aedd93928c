import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/chat/health';
import { createChatRuntime } from '@/lib/chat/runtime';
import type { Database } from '@/lib/db/client';
import { eventStream } from '@/lib/http/event-stream';
import { beginShutdown, isShuttingDown } from '@/lib/http/shutdown';
import { openTestDatabase } from '../support/test-database';

// Its own file: shutting down is for the whole process (vitest gives each file a fresh worker).
describe('a server shutting down (SIGTERM)', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });

  afterAll(async () => {
    await database.close();
  });

  it('ends open event streams and turns readiness to 503', async () => {
    let listening = 0;
    const events = eventStream({
      signal: new AbortController().signal,
      opening: ': open\n\n',
      subscribe: () => {
        listening++;
        return () => listening--;
      },
    });
    const reader = events.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(': open\n\n');
    expect(listening).toBe(1);

    expect(isShuttingDown()).toBe(false);
    beginShutdown('SIGTERM');

    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(listening).toBe(0);
    const { httpStatus, report } = await checkHealth(createChatRuntime(database, { TOOL_APPROVAL_SECRET: 'x' }));
    expect(httpStatus).toBe(503);
    expect(report).toMatchObject({ status: 'unavailable', shuttingDown: true, checks: { database: { ok: true } } });
  });
});
