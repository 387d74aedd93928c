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

/**
 * Products by SKU, name or alias (Chinese or English), tolerant of case, spacing, punctuation,
 * full-width characters and small typos. Every condition in the WHERE clause is served by an
 * index (skuKey b-tree, searchText GIN trigram for LIKE and <%), so it does not scan the table.
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
  // Fetch a few more than asked, then rank precisely in code (exact name/alias needs the raw names).
  const candidates = take * 3 + 20;
  const like = `%${escapeLike(folded)}%`;
  const statusFilter = options.includeDiscontinued === false ? Prisma.sql`AND p.status = 'active'` : Prisma.empty;
  const [, rows] = await db.$transaction([
    // SET LOCAL semantics: the threshold lasts for this transaction only, not the pooled connection.
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY_THRESHOLD}, true)`,
    db.$queryRaw<CandidateRow[]>`
      SELECT p.sku, p.name, p.aliases, p.category, p.price::text AS price, p.status::text AS status,
             p."skuKey", p."searchText", word_similarity(${words}, p."searchText") AS sim
      FROM "Product" p
      WHERE (p."skuKey" = ${folded} OR p."searchText" LIKE ${like} OR ${words} <% p."searchText") ${statusFilter}
      ORDER BY (p."skuKey" = ${folded}) DESC, (p."searchText" LIKE ${like}) DESC, sim DESC, p.sku
      LIMIT ${candidates}`,
  ]);

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
