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
 * thousands of products costs the same as a rare one; ranking happens on the (≤ 2 × ARM_LIMIT)
 * hits. The price: with a very common word the ranked set is a sample of the matches.
 */
const ARM_LIMIT = 200;
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchStatements(
  db: PrismaClient,
  folded: string,
  words: string,
  take: number,
  includeDiscontinued: boolean,
  explain = false,
): [Prisma.PrismaPromise<unknown>, Prisma.PrismaPromise<unknown>, Prisma.PrismaPromise<CandidateRow[]>] {
  const like = `%${escapeLike(folded)}%`;
  const status = includeDiscontinued ? Prisma.empty : Prisma.sql`AND status = 'active'`;
  const useTrigrams = [...folded].length >= MIN_TRIGRAM_QUERY;
  // Fetch a few more than asked, then rank precisely in code (exact name/alias needs the raw names).
  const candidates = take * 3 + 20;
  // Similar spellings only when substrings did not already give enough candidates: the condition
  // on `contains` is a one-time filter, so PostgreSQL skips the trigram scan entirely otherwise.
  const fuzzyArm = useTrigrams
    ? Prisma.sql`UNION ALL (SELECT sku FROM "Product"
        WHERE (SELECT count(*) FROM contains) < ${candidates} AND ${words} <% "searchText" ${status} LIMIT ${ARM_LIMIT})`
    : Prisma.empty;
  return [
    // set_config(…, true) is SET LOCAL: it lasts for this transaction only, not the pooled connection.
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`,
    // The planner prices word_similarity as cheap and picks a sequential scan that computes it for
    // every row (~400 ms at 100k products); the GIN index is always the better path here. Short
    // queries have no trigrams, where a scan stopping at ARM_LIMIT hits is the better plan.
    db.$queryRaw`SELECT set_config('enable_seqscan', ${useTrigrams ? 'off' : 'on'}, true)`,
    db.$queryRaw<CandidateRow[]>`
      ${explain ? Prisma.raw('EXPLAIN') : Prisma.empty} WITH contains AS MATERIALIZED (
        SELECT sku FROM "Product" WHERE "searchText" LIKE ${like} ${status} LIMIT ${ARM_LIMIT}
      ), hits AS (
        (SELECT sku FROM "Product" WHERE "skuKey" = ${folded} ${status} LIMIT 5)
        UNION ALL
        (SELECT sku FROM contains)
        ${fuzzyArm}
      )
      SELECT p.sku, p.name, p.aliases, p.category, p.price::text AS price, p.status::text AS status,
             p."skuKey", p."searchText", word_similarity(${words}, p."searchText") AS sim
      FROM "Product" p
      WHERE p.sku IN (SELECT sku FROM hits)
      ORDER BY (p."skuKey" = ${folded}) DESC, (p."searchText" LIKE ${like}) DESC, sim DESC, p.sku
      LIMIT ${candidates}`,
  ];
}

/** The plan PostgreSQL chooses for searchProducts' query (to check that the indexes are used). */
export async function explainProductSearch(db: PrismaClient, query: string): Promise<string> {
  const folded = foldText(query);
  if (!folded) throw new CommerceError('invalid_input', 'Say what to search for: a product name, alias or SKU.');
  const [, , plan] = await db.$transaction(searchStatements(db, folded, foldWords(query), 10, true, true));
  // EXPLAIN rows have a single "QUERY PLAN" column, whatever the candidate row type says.
  return plan.map((row) => String(Object.values(row)[0])).join('\n');
}

/**
 * Products by SKU, name or alias (Chinese or English), tolerant of case, spacing, punctuation,
 * full-width characters and small typos. Three index-served arms (skuKey b-tree; searchText GIN
 * trigram for LIKE and for <%), each capped, then ranked: exact SKU, exact name/alias, substring,
 * similarity.
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
  const folded = foldText(query);
  const words = foldWords(query);
  if (!folded) throw new CommerceError('invalid_input', 'Say what to search for: a product name, alias or SKU.');

  const take = Math.min(limit, MAX_LIMIT);
  const [, , rows] = await db.$transaction(searchStatements(db, folded, words, take, options.includeDiscontinued !== false));
  return rows
    .map((row) => ({ row, score: scoreCandidate(row, folded) }))
    .sort((a, b) => b.score - a.score || (a.row.sku < b.row.sku ? -1 : a.row.sku > b.row.sku ? 1 : 0))
    .slice(0, take)
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
