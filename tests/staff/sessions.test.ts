import { describe, expect, it } from 'vitest';
import { handleStaffLogin, handleStaffLogout, handleStaffMe } from '@/lib/auth/staff-api';
import { requireStaff } from '@/lib/auth/staff-sessions';
import { loginRequest, staffCookieSet, staffRequest, useStaffHarness } from '../support/staff-harness';
import { testDatabaseKinds } from '../support/test-database';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testDatabaseKinds())('staff sessions (%s)', (kind) => {
  const staff = useStaffHarness(kind);

  /** Signs a new account in; returns it and the session token from the cookie. */
  async function signedIn(role: 'admin' | 'agent' = 'agent') {
    const { runtime, addStaff } = staff();
    const { user, password } = await addStaff({ role });
    const response = await handleStaffLogin(loginRequest(user.email, password), runtime);
    expect(response.status).toBe(200);
    const token = staffCookieSet(response)?.value;
    if (!token) throw new Error('no session cookie');
    return { user, password, token };
  }

  const me = (token: string | null) =>
    handleStaffMe(staffRequest('/api/staff/me', { method: 'GET', session: token }), staff().runtime);

  it('answers /me with 401 to a browser that has no session or a made-up one', async () => {
    expect((await me(null)).status).toBe(401);
    const madeUp = await me('A'.repeat(43));
    expect(madeUp.status).toBe(401);
    expect(staffCookieSet(madeUp)).toEqual({ value: '', attributes: ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'] });
  });

  it('signs out: 204, the cookie cleared, the row deleted, and the old cookie no longer works', async () => {
    const { db, runtime } = staff();
    const { user, token } = await signedIn();
    expect((await me(token)).status).toBe(200);

    const response = await handleStaffLogout(staffRequest('/api/staff/logout', { session: token }), runtime);
    expect(response.status).toBe(204);
    expect(staffCookieSet(response)).toEqual({ value: '', attributes: ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'] });
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(0);
    expect((await me(token)).status).toBe(401);

    // Signing out without a session is not an error.
    expect((await handleStaffLogout(staffRequest('/api/staff/logout'), runtime)).status).toBe(204);
  });

  it('ends a session 12 hours after its last use, and deletes it', async () => {
    const { db, advance } = staff();
    const { user, token } = await signedIn();
    advance(12 * HOUR);
    const expired = await me(token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/sign in again/);
    expect(staffCookieSet(expired)?.attributes).toContain('Max-Age=0');
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(0);
  });

  it('slides the expiry while the session is used, writing at most once a minute and sending the cookie again', async () => {
    const { db, runtime, advance } = staff();
    const { user, token } = await signedIn();
    const row = () => db.staffSession.findFirstOrThrow({ where: { staffUserId: user.id } });
    const signedInAt = (await row()).lastSeenAt;

    advance(30_000);
    const soon = await me(token);
    expect(soon.status).toBe(200);
    expect(staffCookieSet(soon)).toBeNull();
    expect((await row()).lastSeenAt).toEqual(signedInAt);

    advance(11 * HOUR);
    const later = await me(token);
    expect(later.status).toBe(200);
    expect(staffCookieSet(later)).toEqual({ value: token, attributes: ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200'] });
    expect(await row()).toMatchObject({ lastSeenAt: runtime.now(), expiresAt: new Date(runtime.now().getTime() + 12 * HOUR) });

    // 22 hours after signing in, but 11 after the last use: still signed in.
    advance(11 * HOUR);
    expect((await me(token)).status).toBe(200);
  });

  it('lets only admins through an admin-only check: an agent gets 403, nobody signed in 401', async () => {
    const { runtime } = staff();
    const agent = await signedIn('agent');
    const admin = await signedIn('admin');
    const request = (token: string | null) => staffRequest('/api/console/settings', { session: token });

    await expect(requireStaff(request(agent.token), runtime, { role: 'admin' })).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    await expect(requireStaff(request(admin.token), runtime, { role: 'admin' })).resolves.toMatchObject({
      id: admin.user.id,
      role: 'admin',
    });
    await expect(requireStaff(request(agent.token), runtime)).resolves.toMatchObject({ id: agent.user.id, role: 'agent' });
    await expect(requireStaff(request(null), runtime, { role: 'admin' })).rejects.toMatchObject({ status: 401 });
  });

  it('ends the sessions of an account that is disabled', async () => {
    const { db, runtime } = staff();
    const { user, token } = await signedIn();
    await db.staffUser.update({ where: { id: user.id }, data: { disabledAt: runtime.now() } });
    expect((await me(token)).status).toBe(401);
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(0);
  });

  it('replaces the browser’s session when it signs in again, and tidies away the account’s expired sessions', async () => {
    const { db, runtime, advance } = staff();
    const { user, password, token: first } = await signedIn();
    const elsewhere = staffCookieSet(await handleStaffLogin(loginRequest(user.email, password), runtime))?.value ?? '';
    advance(13 * HOUR); // both sessions have expired, unused
    const second = await handleStaffLogin(loginRequest(user.email, password, { session: first }), runtime);
    const secondToken = staffCookieSet(second)?.value ?? '';
    expect(secondToken).not.toBe(first);
    expect(await db.staffSession.count({ where: { staffUserId: user.id } })).toBe(1);
    expect((await me(secondToken)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);

    const third = staffCookieSet(await handleStaffLogin(loginRequest(user.email, password, { session: secondToken }), runtime));
    expect((await me(secondToken)).status).toBe(401);
    expect((await me(third?.value ?? '')).status).toBe(200);
  });
});
