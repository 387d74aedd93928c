import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_EMAIL } from '@/lib/auth/staff-accounts';
import { handleStaffLogin } from '@/lib/auth/staff-api';
import { createStaffRuntime } from '@/lib/auth/staff-runtime';
import type { Database } from '@/lib/db/client';
import { offerDemoAdmin } from '@/lib/store/bootstrap';
import { loginRequest } from '../support/staff-harness';
import { openTestDatabase, testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds())('the demo admin at start-up (%s)', (kind) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database.close();
  });

  it('in development: creates admin@demo.shop with a fresh password printed once, which signs in', async () => {
    const printed: string[] = [];
    await offerDemoAdmin(database.prisma, { NODE_ENV: 'development' }, (line) => printed.push(line));
    expect(printed).toHaveLength(1);
    const password = /Staff console: sign in as admin@demo\.shop with password (\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(24);

    const response = await handleStaffLogin(loginRequest(DEMO_ADMIN_EMAIL, password), createStaffRuntime(database, {}));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ user: { email: DEMO_ADMIN_EMAIL, role: 'admin' } });

    // Another start finds staff accounts and prints nothing.
    await offerDemoAdmin(database.prisma, { NODE_ENV: 'development' }, (line) => printed.push(line));
    expect(printed).toHaveLength(1);
    expect(await database.prisma.staffUser.count()).toBe(1);
  });

  it('in production: creates nothing and prints nothing', async () => {
    const printed: string[] = [];
    await offerDemoAdmin(database.prisma, { NODE_ENV: 'production' }, (line) => printed.push(line));
    expect(printed).toEqual([]);
    expect(await database.prisma.staffUser.count()).toBe(0);
  });

  it('gives two demo databases two different passwords', async () => {
    const printed: string[] = [];
    await offerDemoAdmin(database.prisma, {}, (line) => printed.push(line));
    const other = await openTestDatabase(kind);
    try {
      await offerDemoAdmin(other.prisma, {}, (line) => printed.push(line));
    } finally {
      await other.close();
    }
    expect(printed).toHaveLength(2);
    expect(printed[0]).not.toBe(printed[1]);
  });
});
