import { describe, expect, it } from 'vitest';
import { isAppOrigin, isSameOriginStaffRequest } from './same-origin';

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

describe('isSameOriginStaffRequest', () => {
  it('needs proof of the app’s own origin for a mutation, and refuses a foreign Origin on any method', () => {
    const url = 'http://127.0.0.1:3000/api/staff/logout';
    expect(isSameOriginStaffRequest(post(url, { origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(isSameOriginStaffRequest(post(url, { 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOriginStaffRequest(post(url, {}))).toBe(false);
    expect(isSameOriginStaffRequest(post(url, { origin: 'http://127.0.0.1:3001', 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isSameOriginStaffRequest(new Request(url, { method: 'GET' }))).toBe(true);
    expect(isSameOriginStaffRequest(new Request(url, { method: 'GET', headers: { origin: 'https://evil.example.net' } }))).toBe(
      false,
    );
  });
});
