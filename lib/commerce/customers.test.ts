import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/db/client';
import { FIXTURE, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { getCustomerProfile } from './customers';
import { CommerceError } from './errors';

describe.each(testDatabaseKinds())('getCustomerProfile on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, (prisma) => {
    db = prisma;
  });

  it('gives the name and member level, the percent formatted like a quote', async () => {
    expect(await getCustomerProfile(db, FIXTURE.customer)).toEqual({
      id: FIXTURE.customer,
      name: '张伟',
      memberLevel: { code: 'gold', name: '黄金会员', discountPercent: '10' },
    });
  });

  it('memberLevel is null for a customer without one', async () => {
    expect(await getCustomerProfile(db, FIXTURE.plainCustomer)).toEqual({
      id: FIXTURE.plainCustomer,
      name: 'Wang Fang',
      memberLevel: null,
    });
  });

  it('keeps contact details out', async () => {
    const profile = await getCustomerProfile(db, FIXTURE.otherCustomer);
    expect(Object.keys(profile).sort()).toEqual(['id', 'memberLevel', 'name']);
    expect(JSON.stringify(profile)).not.toMatch(/example\.com|139/);
  });

  it('a fractional percent keeps its decimals', async () => {
    await db.memberLevel.create({ data: { code: 'diamond', name: '钻石会员', discountPercent: '12.5', position: 4 } });
    await db.customer.create({ data: { id: 'C-DIAMOND', name: 'Zhao Lei', memberLevelCode: 'diamond' } });
    expect((await getCustomerProfile(db, 'C-DIAMOND')).memberLevel).toEqual({
      code: 'diamond',
      name: '钻石会员',
      discountPercent: '12.5',
    });
  });

  it.each(['C-9999', ''])('unknown customer %j → not_found', async (id) => {
    const error = await getCustomerProfile(db, id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommerceError);
    expect(error).toMatchObject({ code: 'not_found' });
  });
});
