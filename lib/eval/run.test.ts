import { describe, expect, it } from 'vitest';
import { evalEnv } from './run';

describe('evalEnv', () => {
  it('blanks the API key for the built-in engine even when the shell has one, and lifts the rate limits', () => {
    const env = evalEnv('offline', { OPENAI_API_KEY: 'sk-from-the-shell', CHAT_MAX_STEPS: '6' });
    expect(env.OPENAI_API_KEY).toBe('');
    expect(env.CHAT_MAX_STEPS).toBe('6');
    expect(env.CHAT_RATE_LIMIT_BURST).toBe('100000');
    expect(env.CHAT_RATE_LIMIT_PER_SECOND).toBe('100000');
    expect(env.SHOPPER_TOKEN_SECRET?.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the key, model and endpoint for --model openai, and refuses to run without a key', () => {
    const env = evalEnv('openai', { OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'm', OPENAI_BASE_URL: 'http://localhost:11434/v1' });
    expect(env).toMatchObject({ OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'm', OPENAI_BASE_URL: 'http://localhost:11434/v1' });
    expect(() => evalEnv('openai', { OPENAI_API_KEY: ' ' })).toThrow(/--model openai needs OPENAI_API_KEY/);
  });
});
