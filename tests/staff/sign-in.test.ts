import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as passwords from '@/lib/auth/passwords';
import { handleStaffLogin, handleStaffMe } from '@/lib/auth/staff-api';
import { createStaffRuntime } from '@/lib/auth/staff-runtime';
import { loginRequest, staffCookieSet, staffRequest, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';

// Counts password checks, so the tests can tell "refused before the password was looked at".
vi.mock('@/lib/auth/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/auth/passwords')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

interface ErrorBody {
  error: { code: string; message: string; retryAfterSeconds?: number };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(testDatabaseKinds())('POST /api/staff/login (%s)', (kind) => {
  const staff = useStaffHarness(kind);
  const passwordChecks = vi.mocked(passwords.verifyPassword);
  let address = 0;
  // Each test signs in from its own address, so the per-address limit of one does not reach into another.
  const nextAddress = () => `198.51.100.${++address}`;

  beforeEach(() => {
    passwordChecks.mockClear();
  });

  it('signs in with the right password (any case of the email): the user, a 12-hour HttpOnly Lax cookie, and only the token’s hash stored', async () => {
    const { db, runtime, addStaff } = staff();
    const { user, password } = await addStaff({ email: 'Mei.Lin@Shop.Example', name: 'Mei Lin', role: 'admin' });
    expect(user.email).toBe('mei.lin@shop.example');

    const response = await handleStaffLogin(loginRequest('  MEI.LIN@shop.example ', password, { ip: nextAddress() }), runtime);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { id: user.id, email: 'mei.lin@shop.example', name: 'Mei Lin', role: 'admin' },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');

    const cookie = staffCookieSet(response);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toEqual(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200']);
    const token = cookie?.value ?? '';

    const sessions = await db.staffSession.findMany({ where: { staffUserId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).toBe(sha256(token));
    expect(await db.staffSession.count({ where: { id: token } })).toBe(0);
    expect(sessions[0]).toMatchObject({ userAgent: 'StaffTest/1.0', ip: `198.51.100.${address}` });
    expect(sessions[0]?.expiresAt.getTime()).toBe(runtime.now().getTime() + 12 * 60 * 60 * 1000);

    const me = await handleStaffMe(staffRequest('/api/staff/me', { method: 'GET', session: token }), runtime);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ user: { id: user.id, email: 'mei.lin@shop.example', name: 'Mei Lin', role: 'admin' } });
  });

  it('marks the cookie Secure over HTTPS, behind a proxy that says HTTPS, and always in production', async () => {
    const { db, runtime, addStaff } = staff();
    const { user, password } = await addStaff();
    const secureFlag = async (response: Response) => {
      expect(response.status).toBe(200);
      return staffCookieSet(response)?.attributes.includes('Secure');
    };
    const ip = nextAddress();

    expect(await secureFlag(await handleStaffLogin(loginRequest(user.email, password, { ip }), runtime))).toBe(false);
    expect(
      await secureFlag(
        await handleStaffLogin(loginRequest(user.email, password, { ip, url: 'https://support.example.com' }), runtime),
      ),
    ).toBe(true);
    expect(
      await secureFlag(
        await handleStaffLogin(loginRequest(user.email, password, { ip, headers: { 'x-forwarded-proto': 'https' } }), runtime),
      ),
    ).toBe(true);
    const production = createStaffRuntime({ prisma: db }, { NODE_ENV: 'production' }, runtime.now);
    expect(await secureFlag(await handleStaffLogin(loginRequest(user.email, password, { ip }), production))).toBe(true);
  });

  it('answers a wrong password and an unknown email with the same 401, checking a password hash for both', async () => {
    const { db, runtime, addStaff } = staff();
    const { user } = await addStaff();
    const ip = nextAddress();

    const wrongPassword = await handleStaffLogin(loginRequest(user.email, 'not the password at all', { ip }), runtime);
    const unknownEmail = await handleStaffLogin(loginRequest('nobody@shop.example', 'not the password at all', { ip }), runtime);
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(401);
      expect(staffCookieSet(response)).toBeNull();
    }
    const bodies = [(await wrongPassword.json()) as ErrorBody, (await unknownEmail.json()) as ErrorBody];
    expect(bodies[0]).toEqual({ error: { code: 'unauthorized', message: 'Wrong email or password.' } });
    expect(bodies[1]).toEqual(bodies[0]);
    // The unknown email was verified against a stand-in hash: both cost one Argon2 verification.
    expect(passwordChecks).toHaveBeenCalledTimes(2);
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(0);
  });

  it('refuses a disabled account, and tells only someone who knows its password that it is disabled', async () => {
    const { db, runtime, addStaff } = staff();
    const { user, password } = await addStaff();
    await db.staffUser.update({ where: { id: user.id }, data: { disabledAt: runtime.now() } });
    const ip = nextAddress();

    const rightPassword = await handleStaffLogin(loginRequest(user.email, password, { ip }), runtime);
    expect(rightPassword.status).toBe(403);
    expect(((await rightPassword.json()) as ErrorBody).error.message).toMatch(/disabled/);
    expect(staffCookieSet(rightPassword)).toBeNull();

    const wrongPassword = await handleStaffLogin(loginRequest(user.email, 'not the password at all', { ip }), runtime);
    expect(wrongPassword.status).toBe(401);
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(0);
  });

  it('allows 5 failures per account (from any address), then 429 with Retry-After without checking even the right password', async () => {
    const { runtime, addStaff, advance } = staff();
    const { user, password } = await addStaff();

    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await handleStaffLogin(loginRequest(user.email, `wrong guess ${attempt}`, { ip: nextAddress() }), runtime);
      expect(response.status).toBe(401);
    }
    passwordChecks.mockClear();
    const throttled = await handleStaffLogin(loginRequest(user.email, password, { ip: nextAddress() }), runtime);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('30');
    expect((await throttled.json()) as ErrorBody).toMatchObject({ error: { code: 'rate_limited', retryAfterSeconds: 30 } });
    expect(staffCookieSet(throttled)).toBeNull();
    expect(passwordChecks).not.toHaveBeenCalled();

    advance(30_000);
    expect((await handleStaffLogin(loginRequest(user.email, password, { ip: nextAddress() }), runtime)).status).toBe(200);
  });

  it('forgives an account’s failures when it signs in', async () => {
    const { runtime, addStaff } = staff();
    const { user, password } = await addStaff();
    const ip = nextAddress();
    const attempt = (secret: string) => handleStaffLogin(loginRequest(user.email, secret, { ip }), runtime);

    for (let i = 0; i < 4; i++) expect((await attempt('wrong guess')).status).toBe(401);
    expect((await attempt(password)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt('wrong guess')).status).toBe(401);
    expect((await attempt(password)).status).toBe(429);
  });

  it('allows 20 attempts per address across accounts, then 429 even for the right password; other addresses are unaffected', async () => {
    const { runtime, addStaff, advance } = staff();
    const { user, password } = await addStaff();
    const crowded = nextAddress();

    for (let i = 0; i < 20; i++) {
      const response = await handleStaffLogin(
        loginRequest(`guess-${i}@shop.example`, 'not the password at all', { ip: crowded }),
        runtime,
      );
      expect(response.status).toBe(401);
    }
    passwordChecks.mockClear();
    const throttled = await handleStaffLogin(loginRequest(user.email, password, { ip: crowded }), runtime);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('5');
    expect(passwordChecks).not.toHaveBeenCalled();

    expect((await handleStaffLogin(loginRequest(user.email, password, { ip: nextAddress() }), runtime)).status).toBe(200);
    advance(5_000);
    expect((await handleStaffLogin(loginRequest(user.email, password, { ip: crowded }), runtime)).status).toBe(200);
  });

  it('answers 400 to a body that is not { email, password }, and sets no cookie', async () => {
    const { runtime } = staff();
    for (const body of [
      'not json',
      { email: 'a@shop.example' },
      { email: '', password: 'x' },
      { email: 'a@shop.example', password: 42 },
    ]) {
      const response = await handleStaffLogin(staffRequest('/api/staff/login', { body, ip: nextAddress() }), runtime);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.code).toBe('bad_request');
      expect(staffCookieSet(response)).toBeNull();
    }
  });
});
