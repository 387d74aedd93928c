import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PrismaClient } from '@/lib/db/client';
import { addProduct, FIXTURE, seedCommerceFixture } from '@/tests/support/commerce-fixture';
import { openTestDatabase, testDatabaseKinds } from '@/tests/support/test-database';
import { explainProductSearch, searchProducts } from './search';

describe.each(testDatabaseKinds())('searchProducts on %s', (kind) => {
  let database: Database;
  let db: PrismaClient;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.prisma;
    await seedCommerceFixture(db);
    // A product whose name contains another's SKU-ish words, to check exact SKU ranks first.
    await addProduct(db, {
      sku: 'SNEAKER-CARE',
      name: 'Sneaker Cleaning Kit',
      aliases: ['球鞋清洁套装'],
      category: 'care',
      price: '59.00',
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const skus = async (query: string, options?: Parameters<typeof searchProducts>[2]) =>
    (await searchProducts(db, query, options)).map((r) => r.sku);

  it('finds by exact SKU, ignoring case, spacing, punctuation and full width', async () => {
    for (const query of [
      'SKU-LIMITED-SNEAKER-01',
      'sku limited sneaker 01',
      'ｓｋｕ－ｌｉｍｉｔｅｄ－ｓｎｅａｋｅｒ－０１',
      'nw4471b',
      '100233',
    ]) {
      const [top] = await searchProducts(db, query);
      expect(top?.score).toBe(1);
      expect([FIXTURE.sneaker, FIXTURE.trail, FIXTURE.socks]).toContain(top?.sku);
    }
    expect((await skus('nw 4471 b'))[0]).toBe(FIXTURE.trail);
    expect((await skus('#100233'))[0]).toBe(FIXTURE.socks);
  });

  it('returns the documented shape with the price as a string', async () => {
    const [top] = await searchProducts(db, 'SKU-LIMITED-SNEAKER-01');
    expect(top).toEqual({
      sku: FIXTURE.sneaker,
      name: '限量版复古球鞋',
      aliases: ['限量球鞋', 'Limited Retro Sneaker'],
      category: 'shoes',
      price: '1299.00',
      status: 'active',
      score: 1,
    });
  });

  it('finds by exact name or alias in Chinese or English', async () => {
    for (const query of [
      '限量版复古球鞋',
      '限量球鞋',
      'limited retro sneaker',
      'LIMITED-RETRO-SNEAKER',
      'Trail Running Shoe',
      '越野跑鞋',
    ]) {
      const [top] = await searchProducts(db, query);
      expect(top?.score, query).toBe(0.9);
    }
    expect((await skus('越野跑鞋'))[0]).toBe(FIXTURE.trail);
  });

  it('finds substrings, ranked below exact matches', async () => {
    const results = await searchProducts(db, 'sneaker');
    expect(results.map((r) => r.sku)).toEqual(expect.arrayContaining([FIXTURE.sneaker, 'SNEAKER-CARE']));
    for (const r of results) expect(r.score).toBeLessThan(0.9);
    expect(await skus('球鞋')).toEqual(expect.arrayContaining([FIXTURE.sneaker, 'SNEAKER-CARE']));
    expect((await skus('复古'))[0]).toBe(FIXTURE.sneaker);
    expect((await skus('socks'))[0]).toBe(FIXTURE.socks);
  });

  it('tolerates small typos', async () => {
    expect(await skus('sneekers')).toContain(FIXTURE.sneaker);
    expect((await skus('retro snaker'))[0]).toBe(FIXTURE.sneaker);
    expect((await skus('trial runing shoe'))[0]).toBe(FIXTURE.trail);
    const [typo] = await searchProducts(db, 'retro snaker');
    expect(typo?.score).toBeGreaterThan(0);
    expect(typo?.score).toBeLessThan(0.5);
  });

  it('includes discontinued products flagged, unless asked not to', async () => {
    const results = await searchProducts(db, 'rain jacket');
    expect(results[0]).toMatchObject({ sku: FIXTURE.jacket, status: 'discontinued', price: '599.00' });
    expect(await skus('rain jacket', { includeDiscontinued: false })).not.toContain(FIXTURE.jacket);
  });

  it('ranks exact SKU over name matches and honours limit', async () => {
    await addProduct(db, { sku: 'CAP', name: 'Baseball Cap', category: 'accessories', price: '20.00' });
    const results = await searchProducts(db, 'cap');
    expect(results[0]).toMatchObject({ sku: 'CAP', score: 1 });
    expect(results.map((r) => r.sku)).toContain(FIXTURE.cap);
    expect(await skus('cap', { limit: 1 })).toEqual(['CAP']);
  });

  it('returns nothing for unrelated text and refuses blank queries', async () => {
    expect(await searchProducts(db, 'quantum refrigerator')).toEqual([]);
    for (const blank of ['', '   ', '!!!', '——']) {
      await expect(searchProducts(db, blank)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await expect(searchProducts(db, 'cap', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it.runIf(kind === 'postgres')('uses the trigram index rather than scanning the table (PostgreSQL)', async () => {
    // Enough rows that the planner prefers the index, as it will with a real catalogue.
    await db.$executeRawUnsafe(`
      INSERT INTO "Product" (sku, name, aliases, category, price, status, "skuKey", "searchText")
      SELECT 'GEN-' || i, 'Generated item ' || i, ARRAY[]::text[], 'gen', 1, 'active', 'gen' || i,
             'gen' || i || ' generated item ' || i || ' generateditem' || i
      FROM generate_series(1, 20000) AS i`);
    await db.$executeRawUnsafe('ANALYZE "Product"');
    for (const query of ['retro snaker', 'sneekers', 'SKU-LIMITED-SNEAKER-01', '限量版复古']) {
      const text = await explainProductSearch(db, query);
      expect(text, query).toContain('Product_searchText_idx');
      expect(text, query).toContain('Product_skuKey_idx');
      expect(text, query).not.toContain('Seq Scan');
    }
    expect((await skus('retro snaker'))[0]).toBe(FIXTURE.sneaker);
  });
});
