import { describe, expect, it } from 'vitest';
import { embedPolicyFromEnv, frameAncestors, isAllowedApiCaller, isAllowedEmbedOrigin } from './origins';

function apiRequest(headers: Record<string, string>): Request {
  return new Request('http://support.example.com/api/chat', { method: 'POST', headers });
}

describe('WIDGET_ALLOWED_ORIGINS', () => {
  it('lets only the listed storefronts frame /embed, the app itself included', () => {
    const policy = embedPolicyFromEnv('https://shop.example.com, http://localhost:3001/');
    expect(frameAncestors(policy)).toBe("'self' https://shop.example.com http://localhost:3001");
    expect(isAllowedEmbedOrigin(policy, 'https://shop.example.com')).toBe(true);
    expect(isAllowedEmbedOrigin(policy, 'http://shop.example.com')).toBe(false);
    expect(isAllowedEmbedOrigin(policy, 'https://evil.example.net')).toBe(false);
  });

  it('frames nowhere else when unset, and anywhere only when "*" is said explicitly', () => {
    expect(frameAncestors(embedPolicyFromEnv(undefined))).toBe("'self'");
    expect(frameAncestors(embedPolicyFromEnv(''))).toBe("'self'");
    const any = embedPolicyFromEnv('*');
    expect(frameAncestors(any)).toBe('*');
    expect(isAllowedEmbedOrigin(any, 'https://anyone.example')).toBe(true);
  });

  it('names the bad entry when a value is not an origin', () => {
    expect(() => embedPolicyFromEnv('https://shop.example.com/path')).toThrow(/WIDGET_ALLOWED_ORIGINS.*shop\.example\.com\/path/);
    expect(() => embedPolicyFromEnv('shop.example.com')).toThrow(/not an origin/);
    expect(() => embedPolicyFromEnv('ftp://shop.example.com')).toThrow(/not an origin/);
  });

  it('answers API calls from servers, the app’s own pages and allowed storefronts, and no other browser', () => {
    const policy = embedPolicyFromEnv('https://shop.example.com');
    expect(isAllowedApiCaller(policy, apiRequest({}))).toBe(true);
    expect(isAllowedApiCaller(policy, apiRequest({ origin: 'http://support.example.com', host: 'support.example.com' }))).toBe(
      true,
    );
    expect(isAllowedApiCaller(policy, apiRequest({ origin: 'https://shop.example.com', host: 'support.example.com' }))).toBe(
      true,
    );
    expect(isAllowedApiCaller(policy, apiRequest({ origin: 'https://evil.example.net', host: 'support.example.com' }))).toBe(
      false,
    );
    expect(isAllowedApiCaller(policy, apiRequest({ origin: 'null', host: 'support.example.com' }))).toBe(false);
  });
});
