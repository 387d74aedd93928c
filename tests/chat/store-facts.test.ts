import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_PROFILE_TTL_MS, storeFactsSource } from '@/lib/chat/store-facts';
import type { Database } from '@/lib/db/client';
import { FIXTURE, seedCommerceFixture } from '../support/commerce-fixture';
import { openTestDatabase, testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds())('the facts a turn’s instructions carry (%s)', (kind) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCommerceFixture(database.prisma);
  });

  afterAll(async () => {
    await database.close();
  });

  it('reads the store once per TTL, and the shopper on every turn', async () => {
    const db = database.prisma;
    let clock = 1_000_000;
    const facts = storeFactsSource(db, () => clock);
    const shopper = { kind: 'customer' as const, customerId: FIXTURE.customer };

    const first = await facts(shopper);
    const storeName = first.facts.storeName;
    expect(first.facts.memberLevels.map((level) => level.code)).toContain('gold');
    expect(first.facts.shopper).toMatchObject({ signedIn: true, customerId: FIXTURE.customer, memberLevel: { code: 'gold' } });

    await db.storeSettings.update({ where: { id: 1 }, data: { name: 'Renamed Shop' } });
    await db.customer.update({ where: { id: FIXTURE.customer }, data: { memberLevelCode: 'silver' } });
    clock += STORE_PROFILE_TTL_MS - 1;
    const cached = await facts(shopper);
    expect(cached.facts.storeName).toBe(storeName);
    expect(cached.facts.shopper).toMatchObject({ memberLevel: { code: 'silver' } });

    clock += 1;
    expect((await facts({ kind: 'anonymous', visitorHash: 'v' })).facts).toMatchObject({
      storeName: 'Renamed Shop',
      shopper: { signedIn: false },
    });
    await db.customer.update({ where: { id: FIXTURE.customer }, data: { memberLevelCode: 'gold' } });
  });
});
