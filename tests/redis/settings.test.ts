import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_PREFIX, redisSettingsFromEnv } from '@/lib/redis/connection';

describe('REDIS_URL and REDIS_KEY_PREFIX', () => {
  it('are optional: unset or blank means one instance with everything in process', () => {
    expect(redisSettingsFromEnv({})).toBeNull();
    expect(redisSettingsFromEnv({ REDIS_URL: '  ' })).toBeNull();
  });

  it('take redis:// and rediss:// URLs, with the default prefix unless one is given', () => {
    expect(redisSettingsFromEnv({ REDIS_URL: 'redis://cache:6379' })).toEqual({
      url: 'redis://cache:6379',
      keyPrefix: DEFAULT_KEY_PREFIX,
    });
    expect(redisSettingsFromEnv({ REDIS_URL: 'rediss://:secret@cache:6380/2', REDIS_KEY_PREFIX: 'shop-a:' })).toEqual({
      url: 'rediss://:secret@cache:6380/2',
      keyPrefix: 'shop-a:',
    });
  });

  it('refuse anything else by name', () => {
    expect(() => redisSettingsFromEnv({ REDIS_URL: 'cache:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => redisSettingsFromEnv({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
  });
});
