import { describe, expect, it } from 'vitest';
import { healthReport } from '@/lib/chat/health';
import { createChatRuntime } from '@/lib/chat/runtime';
import type { PrismaClient } from '@/lib/db/client';

// healthReport reads settings only; the database is not touched.
const database = { prisma: {} as PrismaClient, kind: 'postgres' as const };

describe('GET /api/health report', () => {
  it('names the OpenAI-compatible model when an API key is set', () => {
    const runtime = createChatRuntime(database, {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_MODEL: 'qwen2.5-7b',
      TOOL_APPROVAL_SECRET: 'x',
    });
    expect(healthReport(runtime)).toEqual({ model: 'openai:qwen2.5-7b', database: 'postgres' });
  });

  it('reports the built-in engine without a key, and a blank key counts as none', () => {
    expect(healthReport(createChatRuntime(database, { TOOL_APPROVAL_SECRET: 'x' })).model).toBe('offline');
    expect(healthReport(createChatRuntime(database, { OPENAI_API_KEY: '', TOOL_APPROVAL_SECRET: 'x' })).model).toBe('offline');
  });

  it('defaults to a current small model and refuses malformed settings by name', () => {
    expect(healthReport(createChatRuntime(database, { OPENAI_API_KEY: 'sk-test', TOOL_APPROVAL_SECRET: 'x' })).model).toBe(
      'openai:gpt-5-mini',
    );
    expect(() => createChatRuntime(database, { CHAT_MAX_STEPS: 'many', TOOL_APPROVAL_SECRET: 'x' })).toThrow(/CHAT_MAX_STEPS/);
    expect(() => createChatRuntime(database, { OPENAI_BASE_URL: 'not a url', TOOL_APPROVAL_SECRET: 'x' })).toThrow(
      /OPENAI_BASE_URL/,
    );
  });
});
