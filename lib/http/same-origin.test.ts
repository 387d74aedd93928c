import { describe, expect, it } from 'vitest';
import { isAppOrigin } from './same-origin';

function post(url: string, headers: Record<string, string>): Request {
  return new Request(url, { method: 'POST', headers });
}

describe('isAppOrigin', () => {
  it('compares the Origin with the host the browser addressed, forwarded or not', () => {
    const direct = post('http://127.0.0.1:3000/api/staff/login', {});
    expect(isAppOrigin(direct, 'http://127.0.0.1:3000')).toBe(true);
    expect(isAppOrigin(direct, 'http://127.0.0.1:3001')).toBe(false);
    expect(isAppOrigin(direct, 'http://localhost:3000')).toBe(false);
    expect(isAppOrigin(direct, 'null')).toBe(false);

    const proxied = post('http://10.0.0.5:3000/api/staff/login', {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'support.example.com',
    });
    expect(isAppOrigin(proxied, 'https://support.example.com')).toBe(true);
    expect(isAppOrigin(proxied, 'http://10.0.0.5:3000')).toBe(false);
  });
});
