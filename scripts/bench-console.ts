/**
 * Times the console's conversation list (first page of 50) with text searches and filters:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_console_bench npm run bench:console -- --iterations 200
 *
 * Fill the database first with `npm run seed:conversations`. Prints p50 / p95 / max in ms per
 * case, and over the search cases together (the goal: p95 ≤ 100 ms) — apart from one- and
 * two-character words that occur almost nowhere, which no trigram index can find (they read every
 * message) and are shown on their own.
 */
import { parseArgs } from 'node:util';
import {
  type ConversationFilters,
  type ConversationPage,
  decodeCursor,
  type ListCursor,
  listConversations,
  NO_FILTERS,
} from '@/lib/console/conversation-list';
import { openDatabase } from '@/lib/db/client';
import { describeTarget, targetFromEnv } from '@/lib/db/target';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200' } } });
const iterations = Number(values.iterations);

interface BenchCase {
  label: string;
  filters: ConversationFilters;
  /** Pages to walk with the cursor before the timed one. */
  skipPages?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const target = targetFromEnv();
const database = await openDatabase(target);
const db = database.prisma;
try {
  const conversations = await db.conversation.count();
  if (conversations === 0) throw new Error('No conversations: run npm run seed:conversations first.');
  const messages = await db.chatMessage.count();
  // A real order number from the data: a word that occurs in one or two conversations.
  const [sample] = await db.$queryRaw<Array<{ order: string }>>`
    SELECT substring(text FROM 'ORD-[0-9]{8}-[0-9]{5}') AS "order" FROM "ChatMessage"
    WHERE text LIKE '%ORD-%' ORDER BY random() LIMIT 1`;
  const rareOrder = sample?.order ?? 'ORD-20261101-00001';
  const lastMonth = { instant: new Date(Date.now() - 30 * 86_400_000).toISOString() };

  const search = (q: string, more: Partial<ConversationFilters> = {}): ConversationFilters => ({ ...NO_FILTERS, ...more, q });
  const searches: BenchCase[] = [
    { label: 'q 退款 (2 characters)', filters: search('退款') },
    { label: 'q 转人工', filters: search('转人工') },
    { label: 'q 限量版复古球鞋', filters: search('限量版复古球鞋') },
    { label: 'q 优惠券', filters: search('优惠券') },
    { label: 'q refund', filters: search('refund') },
    { label: 'q Camping Tent', filters: search('Camping Tent') },
    { label: 'q DELIVERY (any case)', filters: search('DELIVERY') },
    { label: `q ${rareOrder} (rare)`, filters: search(rareOrder) },
    { label: 'q 不存在的词 (nowhere)', filters: search('不存在的词') },
    { label: 'q zzyzx (nowhere)', filters: search('zzyzx') },
    { label: 'q 物流 + tool trackShipment', filters: search('物流', { tools: ['trackShipment'] }) },
    { label: 'q 退款 + status closed', filters: search('退款', { statuses: ['closed'] }) },
    { label: 'q refund + minRating 4', filters: search('refund', { minRating: 4 }) },
    { label: 'q delivery + last 30 days', filters: search('delivery', { from: lastMonth }) },
    { label: 'q hello + anonymous', filters: search('hello', { shopper: 'anonymous' }) },
    { label: 'q 退款 + label vip', filters: search('退款', { labels: ['vip'] }) },
    { label: 'q human + status waiting_human', filters: search('human', { statuses: ['waiting_human'] }) },
  ];
  // No trigram in one or two characters: a word that occurs nowhere (or almost) means reading every message.
  const shortAndRare: BenchCase[] = [
    { label: 'q 雨伞 (2 characters, nowhere)', filters: search('雨伞') },
    { label: 'q zq (2 letters, nowhere)', filters: search('zq') },
  ];
  const others: BenchCase[] = [
    { label: 'no filter', filters: NO_FILTERS },
    { label: 'status waiting_human', filters: { ...NO_FILTERS, statuses: ['waiting_human'] } },
    { label: 'had error + fallback', filters: { ...NO_FILTERS, hadError: true, usedFallback: true } },
    { label: 'no filter, page 21', filters: NO_FILTERS, skipPages: 20 },
  ];

  async function run(benchCase: BenchCase): Promise<number> {
    let cursor: ListCursor | null = null;
    for (let page = 0; page < (benchCase.skipPages ?? 0); page++) {
      const { nextCursor }: ConversationPage = await listConversations(db, benchCase.filters, cursor);
      cursor = nextCursor === null ? null : decodeCursor(nextCursor);
    }
    const start = performance.now();
    await listConversations(db, benchCase.filters, cursor);
    return performance.now() - start;
  }

  console.error(
    `${describeTarget(target)}: ${conversations.toLocaleString('en-US')} conversations, ${messages.toLocaleString('en-US')} messages; ${iterations} runs per case`,
  );
  const table: string[] = ['| case | p50 ms | p95 ms | max ms |', '|---|---|---|---|'];
  const allSearchTimes: number[] = [];
  for (const benchCase of [...searches, ...shortAndRare, ...others]) {
    for (let i = 0; i < 5; i++) await run(benchCase); // warm caches and plans
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await run(benchCase));
    times.sort((a, b) => a - b);
    if (searches.includes(benchCase)) allSearchTimes.push(...times);
    const row = `| ${benchCase.label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${(times.at(-1) ?? 0).toFixed(1)} |`;
    table.push(row);
    console.error(row);
  }
  allSearchTimes.sort((a, b) => a - b);
  table.push(
    `| **all searches above, except one or two characters found nowhere** | **${percentile(allSearchTimes, 50).toFixed(1)}** | **${percentile(allSearchTimes, 95).toFixed(1)}** | ${(allSearchTimes.at(-1) ?? 0).toFixed(1)} |`,
  );
  console.log(table.join('\n'));
} finally {
  await database.close();
}
