import type { PrismaClient } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { CommerceError } from './errors';
import { foldText, foldWords } from './normalize';

export interface ProductSearchOptions {
  /** How many results at most (1–50, default 10). */
  limit?: number;
  /** Discontinued products are found (and flagged by status) unless this is false. */
  includeDiscontinued?: boolean;
}

export interface ProductSearchResult {
  sku: string;
  name: string;
  aliases: string[];
  category: string;
  price: string;
  status: 'active' | 'discontinued';
  /** 1 = exact SKU, 0.9 = exact name/alias, 0.5–0.8 = contains the query, below 0.5 = similar spelling. */
  score: number;
}

/**
 * pg_trgm's word_similarity for "sneekers" vs "sneaker" is about 0.33, so the default 0.6 would
 * miss ordinary typos; 0.3 still keeps the candidate set small enough for the GIN index.
 */
const WORD_SIMILARITY_THRESHOLD = '0.3';
const MAX_LIMIT = 50;
/**
 * Each arm of the search stops after this many hits, unordered, so a common word matching
 * thousands of products costs the same as a rare one; ranking happens on the arms' hits. The
 * price: with a very common word the ranked set is a sample of the matches.
 */
const ARM_LIMIT = 200;
/**
 * How similar (pg_trgm similarity) a vocabulary term must be to replace a query word. Below
 * pg_trgm's default 0.3 so that two swapped characters in a short CJK word (山峰球篮 → 山峰篮球,
 * 0.25) are still corrected.
 */
const CORRECTION_SIMILARITY = 0.25;
/** Below this many folded characters there are no trigrams to look up. */
const MIN_TRIGRAM_QUERY = 3;

interface CandidateRow {
  sku: string;
  name: string;
  aliases: string[];
  category: string;
  price: string;
  status: string;
  skuKey: string;
  searchText: string;
  sim: number;
}

/** A query as the arms see it. */
interface Search {
  folded: string;
  /** The folded words, space-separated, for word_similarity. */
  words: string;
  take: number;
  status: Prisma.Sql;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function contains(text: string): Prisma.Sql {
  return Prisma.sql`"searchText" LIKE ${`%${escapeLike(text)}%`}`;
}

/** Whether a word can be corrected: identifiers (with digits) and short words are taken as typed. */
function correctable(word: string): boolean {
  return [...word].length >= MIN_TRIGRAM_QUERY && !/\d/.test(word);
}

/**
 * The candidates for `arms` (conditions on "Product"), in order of preference: each arm runs only
 * while the arms before it found fewer than `take` (a one-time filter, so PostgreSQL skips its scan
 * otherwise), and stops at ARM_LIMIT hits. A few more candidates than asked are fetched, to be
 * ranked precisely in code (exact name/alias needs the raw names).
 *
 * The LIMIT sits outside each arm's matches: a MATERIALIZED CTE is planned for all its rows yet run
 * lazily. With the LIMIT inside, the planner bets that a sequential scan meets ARM_LIMIT matches
 * early, and loses (~50 ms at 100k products) whenever they are fewer or clustered together.
 */
function candidateQuery(arms: Prisma.Sql[], search: Search): Prisma.Sql {
  const arm = (i: number) => Prisma.raw(`arm${i}`);
  const ctes = arms.map((where, i) => {
    const before = arms.slice(0, i).map((_, j) => Prisma.sql`(SELECT count(*) FROM ${arm(j)})`);
    const shortfall = before.length ? Prisma.sql`${Prisma.join(before, ' + ')} < ${search.take} AND` : Prisma.empty;
    return Prisma.sql`${Prisma.raw(`match${i}`)} AS MATERIALIZED (
        SELECT sku FROM "Product" WHERE ${shortfall} ${where} ${search.status}),
      ${arm(i)} AS MATERIALIZED (SELECT sku FROM ${Prisma.raw(`match${i}`)} LIMIT ${ARM_LIMIT})`;
  });
  const hits = arms.map((_, i) => Prisma.sql`SELECT sku FROM ${arm(i)}`);
  return Prisma.sql`WITH ${Prisma.join(ctes, ', ')}
    SELECT p.sku, p.name, p.aliases, p.category, p.price::text AS price, p.status::text AS status,
           p."skuKey", p."searchText", word_similarity(${search.words}, p."searchText") AS sim
    FROM "Product" p
    WHERE p.sku IN (${Prisma.join(hits, ' UNION ALL ')})
    ORDER BY (p."skuKey" = ${search.folded}) DESC, (p."searchText" LIKE ${`%${escapeLike(search.folded)}%`}) DESC,
             sim DESC, p.sku
    LIMIT ${search.take * 3 + 20}`;
}

/** Exact SKU (skuKey b-tree), then the folded query as a substring (searchText GIN trigram index). */
function directArms(search: Search): Prisma.Sql[] {
  return [Prisma.sql`"skuKey" = ${search.folded}`, contains(search.folded)];
}

/**
 * Each word's nearest vocabulary term: itself when known (an index probe), else the nearest term by
 * the GiST index's nearest-neighbour order if similar enough, else null. Searching the small
 * vocabulary instead of every product keeps this flat as the catalogue grows. The threshold is
 * checked after the fact rather than with `%`, whose threshold is a setting; and the ORDER BY has
 * no tie-breaker, which the index cannot serve (the vocabulary would be sorted, ~13 ms).
 */
function correctionQuery(words: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT q.word, CASE WHEN EXISTS (SELECT FROM "SearchTerm" t WHERE t.term = q.word) THEN q.word
      ELSE (SELECT n.term FROM (SELECT t.term FROM "SearchTerm" t ORDER BY t.term <-> q.word LIMIT 1) n
            WHERE similarity(n.term, q.word) >= ${CORRECTION_SIMILARITY})
    END AS term
    FROM unnest(${words}::text[]) AS q(word)`;
}

/**
 * The query spelt with vocabulary words: the whole folded query corrected as one term (the
 * vocabulary holds whole folded names and aliases too, and a long term survives typos that defeat
 * a short word's trigrams), then every word corrected, in any order. Identifiers and short words
 * are kept as typed. A word with no similar term leaves the AND to the similar-spelling arm: the
 * other words alone (often just a colour) would match anything.
 */
async function correctedArms(db: PrismaClient, search: Search): Promise<Prisma.Sql[]> {
  const words = search.words.split(' ');
  const lookups = [search.folded, ...(words.length > 1 ? words : [])].filter(correctable);
  if (!lookups.length) return [];
  const rows = await db.$queryRaw<Array<{ word: string; term: string | null }>>(correctionQuery(lookups));
  const nearest = new Map(rows.map((row) => [row.word, row.term]));
  const arms: Prisma.Sql[] = [];
  const phrase = nearest.get(search.folded);
  // The folded query itself was already searched as a substring.
  if (phrase && phrase !== search.folded) arms.push(contains(phrase));
  const spelt = words
    .map((word) => (correctable(word) ? nearest.get(word) : word))
    .filter((word): word is string => Boolean(word));
  // One word is the phrase again; without a word of trigrams the index cannot narrow the AND down.
  if (words.length > 1 && spelt.length === words.length && spelt.some((word) => [...word].length >= MIN_TRIGRAM_QUERY)) {
    arms.push(Prisma.join(spelt.map(contains), ' AND '));
  }
  return arms;
}

/**
 * The last resort: products containing words similar to the query's, by the searchText GIN trigram
 * index. The planner prices word_similarity as cheap and would pick a sequential scan computing it
 * for every row (~400 ms at 100k products); the index is always the better path here.
 */
function fuzzyStatements(
  db: PrismaClient,
  query: Prisma.Sql,
): [Prisma.PrismaPromise<unknown>, Prisma.PrismaPromise<unknown>, Prisma.PrismaPromise<CandidateRow[]>] {
  return [
    // set_config(…, true) is SET LOCAL: it lasts for this transaction only, not the pooled connection.
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`,
    db.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`,
    db.$queryRaw<CandidateRow[]>(query),
  ];
}

function fuzzyArms(search: Search): Prisma.Sql[] {
  return [Prisma.sql`${search.words} <% "searchText"`];
}

function parseQuery(query: string, take: number, includeDiscontinued: boolean): Search {
  const folded = foldText(query);
  if (!folded) throw new CommerceError('invalid_input', 'Say what to search for: a product name, alias or SKU.');
  const status = includeDiscontinued ? Prisma.empty : Prisma.sql`AND status = 'active'`;
  return { folded, words: foldWords(query), take, status };
}

/** The plans PostgreSQL chooses for every statement searchProducts may run (to check that indexes are used). */
export async function explainProductSearch(db: PrismaClient, query: string): Promise<string> {
  const search = parseQuery(query, 10, true);
  const explain = (sql: Prisma.Sql) => db.$queryRaw<CandidateRow[]>`EXPLAIN ${sql}`;
  const plans = [await explain(candidateQuery(directArms(search), search)), await explain(correctionQuery([search.folded]))];
  const corrected = await correctedArms(db, search);
  if (corrected.length) plans.push(await explain(candidateQuery(corrected, search)));
  const [, , fuzzy] = await db.$transaction(
    fuzzyStatements(db, Prisma.sql`EXPLAIN ${candidateQuery(fuzzyArms(search), search)}`),
  );
  plans.push(fuzzy);
  // EXPLAIN rows have a single "QUERY PLAN" column, whatever the candidate row type says.
  return plans.map((plan) => plan.map((row) => String(Object.values(row)[0])).join('\n')).join('\n\n');
}

/**
 * Products by SKU, name or alias (Chinese or English), tolerant of case, spacing, punctuation,
 * full-width characters and small typos. Index-served arms, each capped, tried in turn until
 * enough are found: exact SKU and substring; the query corrected against the vocabulary of
 * product words; similar spelling. Then ranked: exact SKU, exact name/alias, substring, similarity.
 */
export async function searchProducts(
  db: PrismaClient,
  query: string,
  options: ProductSearchOptions = {},
): Promise<ProductSearchResult[]> {
  const limit = options.limit ?? 10;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new CommerceError('invalid_input', `limit must be a positive whole number (got ${String(limit)}).`);
  }
  const search = parseQuery(query, Math.min(limit, MAX_LIMIT), options.includeDiscontinued !== false);

  const rows = await db.$queryRaw<CandidateRow[]>(candidateQuery(directArms(search), search));
  if (rows.length < search.take) {
    const corrected = await correctedArms(db, search);
    if (corrected.length) rows.push(...(await db.$queryRaw<CandidateRow[]>(candidateQuery(corrected, search))));
  }
  if (!rows.length && [...search.folded].length >= MIN_TRIGRAM_QUERY) {
    const [, , fuzzy] = await db.$transaction(fuzzyStatements(db, candidateQuery(fuzzyArms(search), search)));
    rows.push(...fuzzy);
  }
  const unique = new Map(rows.map((row) => [row.sku, row]));
  return [...unique.values()]
    .map((row) => ({ row, score: scoreCandidate(row, search.folded) }))
    .sort((a, b) => b.score - a.score || (a.row.sku < b.row.sku ? -1 : a.row.sku > b.row.sku ? 1 : 0))
    .slice(0, search.take)
    .map(({ row, score }) => ({
      sku: row.sku,
      name: row.name,
      aliases: row.aliases,
      category: row.category,
      price: row.price,
      status: row.status === 'discontinued' ? 'discontinued' : 'active',
      score,
    }));
}

function scoreCandidate(row: CandidateRow, folded: string): number {
  const sim = Math.max(0, Math.min(1, Number(row.sim)));
  let score: number;
  if (row.skuKey === folded) score = 1;
  else if (foldText(row.name) === folded || row.aliases.some((alias) => foldText(alias) === folded)) score = 0.9;
  else if (row.searchText.includes(folded)) score = 0.5 + 0.3 * sim;
  else score = 0.5 * sim;
  return Math.round(score * 1000) / 1000;
}
