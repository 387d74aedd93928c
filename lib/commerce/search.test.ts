import { describe, expect, it } from 'vitest';
import { productSearchText, skuKey } from '@/lib/commerce/normalize';
import type { PrismaClient } from '@/lib/db/client';
import { addProduct, FIXTURE, useFixtureStore } from '@/tests/support/commerce-fixture';
import { testDatabaseKinds } from '@/tests/support/test-database';
import { explainProductSearch, searchProducts } from './search';

describe.each(testDatabaseKinds())('searchProducts on %s', (kind) => {
  let db: PrismaClient;
  useFixtureStore(kind, async (prisma) => {
    db = prisma;
    // A product whose name contains another's SKU-ish words, to check exact SKU ranks first.
    await addProduct(db, {
      sku: 'SNEAKER-CARE',
      name: 'Sneaker Cleaning Kit',
      aliases: ['球鞋清洁套装'],
      category: 'care',
      price: '59.00',
    });
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

  const terms = async (...words: string[]) =>
    (await db.searchTerm.findMany({ where: { term: { in: words } }, orderBy: { term: 'asc' } })).map((t) => t.term);

  it('keeps a vocabulary of product words, filled by the database as products are written', async () => {
    // Words, whole folded names and aliases (CJK included); identifiers with digits are left out.
    expect(
      await terms('sneaker', 'limited', 'limitedretrosneaker', '限量球鞋', '越野跑鞋', 'sku', 'skulimitedsneaker01', '01'),
    ).toEqual(['limited', 'limitedretrosneaker', 'sku', 'sneaker', '越野跑鞋', '限量球鞋'].sort());
    // A bulk insert (one statement, many rows), as the importer writes.
    const seeds = [
      { sku: 'WB-1', name: 'Zephyr Windbreaker', aliases: ['西风风衣'] },
      { sku: 'WB-2', name: 'Harbor Parka', aliases: [] },
    ];
    await db.product.createMany({
      data: seeds.map((seed) => ({
        ...seed,
        category: 'outerwear',
        price: '399.00',
        skuKey: skuKey(seed.sku),
        searchText: productSearchText(seed),
      })),
    });
    expect(await terms('zephyr', 'windbreaker', 'zephyrwindbreaker', '西风风衣', 'harbor', 'parka', 'wb')).toHaveLength(7);
    // An edit that renames a product adds the new words too.
    const renamed = { sku: 'WB-2', name: 'Harbour Anorak', aliases: [] };
    await db.product.update({ where: { sku: 'WB-2' }, data: { name: renamed.name, searchText: productSearchText(renamed) } });
    expect(await terms('harbour', 'anorak')).toEqual(['anorak', 'harbour']);
  });

  it('corrects a misspelt word of a multi-word query against the vocabulary, in any word order', async () => {
    for (const query of ['sneaker limitd', 'Limted Retro Sneaker', 'zephyr windbraeker', 'windbreakr zephyr']) {
      const [top] = await searchProducts(db, query);
      expect(top?.sku, query).toBe(query.includes('zephyr') ? 'WB-1' : FIXTURE.sneaker);
      expect(top?.score, query).toBeGreaterThan(0);
      expect(top?.score, query).toBeLessThan(0.5);
    }
  });

  it('corrects swapped characters in a Chinese query', async () => {
    for (const [query, sku] of [
      ['限量版复古鞋球', FIXTURE.sneaker],
      ['越野鞋跑', FIXTURE.trail],
      ['西风衣风', 'WB-1'],
    ] as const) {
      const [top] = await searchProducts(db, query);
      expect(top?.sku, query).toBe(sku);
      expect(top?.score, query).toBeLessThan(0.5);
    }
  });

  it('returns nothing when no product word is similar', async () => {
    for (const query of ['xylophone zebra', '量子冰箱', 'zzz qqq']) {
      expect(await searchProducts(db, query), query).toEqual([]);
    }
  });

  it.runIf(kind === 'postgres')('uses the trigram index rather than scanning the table (PostgreSQL)', async () => {
    // Enough rows of a realistic length that the planner prefers the indexes, as it does with a real
    // catalogue (below ~40k products it rightly prefers scanning, at a few ms). Each row brings a
    // letters-only word of its own, so the vocabulary grows too.
    await db.$executeRawUnsafe(`
      INSERT INTO "Product" (sku, name, aliases, category, price, status, "skuKey", "searchText")
      SELECT 'GEN-' || i, 'Generated item ' || w, ARRAY['生成的户外用品'], 'gen', 1, 'active', 'gen' || i,
             'gen' || i || ' gen ' || i || ' generated outdoor item ' || w || ' 生成的户外用品 ' || w
      FROM generate_series(1, 50000) AS i, translate(md5(i::text), '0123456789', 'ghijklmnop') AS w`);
    await db.$executeRawUnsafe('ANALYZE "Product", "SearchTerm"');
    expect(await db.searchTerm.count()).toBeGreaterThan(50_000);
    for (const query of ['retro snaker', 'sneekers', 'SKU-LIMITED-SNEAKER-01', '限量版复古']) {
      const text = await explainProductSearch(db, query);
      expect(text, query).toContain('Product_searchText_idx');
      expect(text, query).toContain('Product_skuKey_idx');
      expect(text, query).toContain('SearchTerm_term_idx');
      expect(text, query).not.toContain('Seq Scan');
    }
    expect((await skus('retro snaker'))[0]).toBe(FIXTURE.sneaker);
  });
});
