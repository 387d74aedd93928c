/**
 * Benchmarks every commerce function on a small (demo) and a large store, side by side.
 *
 *   npm run bench:store                       # both scales on the local PostgreSQL
 *   npm run bench:store -- --scales small     # only the demo store
 *   npm run bench:store -- --pglite           # also the demo store on embedded PGlite
 *   npm run bench:store -- --iterations 500 --server postgres://user@host:5432/postgres
 *
 * Each scale lives in its own database (shop_bench_small, shop_bench_large) on the server,
 * created and seeded on first use (the large one takes minutes) and reused afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  cancelOrder,
  getAvailability,
  getOrder,
  listOrders,
  placeOrder,
  quotePrice,
  searchProducts,
  trackShipment,
} from '@/lib/commerce';
import { type Database, openDatabase } from '@/lib/db/client';
import { generateDemoStore } from '@/lib/store/demo';
import { hasStore, importStore } from '@/lib/store/import';
import { seedLargeStore } from '@/lib/store/large';

type Scale = 'small' | 'large';
const LARGE = { products: 100_000, orders: 1_000_000, customers: 50_000 };

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    scales: { type: 'string', default: 'small,large' },
    iterations: { type: 'string', default: '300' },
    pglite: { type: 'boolean', default: false },
  },
});
const iterations = Number(values.iterations);
const scales = values.scales.split(',').map((s) => s.trim()) as Scale[];

interface Stats {
  p50: number;
  p95: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(run: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < Math.min(30, iterations); i++) await run(i); // warm caches and plans
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] ?? Number.NaN };
}

/** Inputs drawn from the store itself, so every call does real work on real rows. */
async function sampleInputs(db: Database) {
  const n = 400;
  const products = await db.prisma.$queryRaw<Array<{ sku: string; name: string; aliases: string[] }>>`
    SELECT sku, name, aliases FROM "Product" WHERE status = 'active' ORDER BY random() LIMIT ${n}`;
  const orders = await db.prisma.$queryRaw<Array<{ id: string; customerId: string; email: string | null }>>`
    SELECT o.id, o."customerId", c.email FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
    WHERE c.email IS NOT NULL ORDER BY random() LIMIT ${n}`;
  const tracking = await db.prisma.$queryRaw<Array<{ trackingNumber: string }>>`
    SELECT "trackingNumber" FROM "Shipment" ORDER BY random() LIMIT ${n}`;
  const buyable = await db.prisma.$queryRaw<Array<{ sku: string }>>`
    SELECT sku FROM "Stock" s JOIN "Product" p USING (sku)
    WHERE p.status = 'active' GROUP BY sku HAVING sum("onHand" - reserved) >= 50 ORDER BY random() LIMIT ${n}`;
  const levels = (await db.prisma.memberLevel.findMany()).map((level) => level.code);
  const coupons = (await db.prisma.coupon.findMany()).map((coupon) => coupon.code);
  const pick = <T>(list: readonly T[], i: number): T => {
    const item = list[i % list.length];
    if (item === undefined) throw new Error('The store has no rows to benchmark with.');
    return item;
  };
  const queries = products.flatMap((p) => {
    const word = p.aliases[0] ?? p.name;
    const typo = word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : word;
    return [
      p.name,
      word,
      typo,
      p.sku.toLowerCase().replace(/-/g, ' '),
      p.name.slice(0, Math.max(2, Math.ceil(p.name.length / 2))),
    ];
  });
  return { products, orders, tracking, buyable, levels, coupons, queries, pick };
}

async function benchStore(db: Database): Promise<Record<string, Stats>> {
  const s = await sampleInputs(db);
  const customer = (i: number) => ({ kind: 'customer' as const, customerId: s.pick(s.orders, i).customerId });
  const results: Record<string, Stats> = {};
  results.searchProducts = await measure((i) => searchProducts(db.prisma, s.pick(s.queries, i)));
  results.getAvailability = await measure((i) => getAvailability(db.prisma, s.pick(s.products, i).sku));
  results.quotePrice = await measure((i) =>
    quotePrice(db.prisma, {
      sku: s.pick(s.products, i).sku,
      quantity: 1 + (i % 3),
      memberLevel: i % 3 === 0 ? undefined : s.pick(s.levels, i),
      couponCode: i % 2 === 0 ? undefined : s.pick(s.coupons, i),
    }),
  );
  results['getOrder (customer)'] = await measure((i) => getOrder(db.prisma, s.pick(s.orders, i).id, customer(i)));
  results['getOrder (guest)'] = await measure((i) => {
    const order = s.pick(s.orders, i);
    return getOrder(db.prisma, order.id, { kind: 'guest', contact: order.email ?? '' });
  });
  results.listOrders = await measure((i) => listOrders(db.prisma, s.pick(s.orders, i).customerId));
  results['trackShipment (number)'] = await measure((i) =>
    trackShipment(db.prisma, { trackingNumber: s.pick(s.tracking, i).trackingNumber }),
  );
  results['trackShipment (order)'] = await measure((i) =>
    trackShipment(db.prisma, { orderId: s.pick(s.orders, i).id, viewer: customer(i) }),
  );

  // Writes: place an order, then cancel it so stock returns to where it was.
  const placed: string[] = [];
  results.placeOrder = await measure(async (i) => {
    const { order } = await placeOrder(db.prisma, {
      customerId: s.pick(s.orders, i).customerId,
      items: [{ sku: s.pick(s.buyable, i).sku, quantity: 1 }],
      idempotencyKey: `bench-${randomUUID()}`,
    });
    placed.push(`${order.id}\t${s.pick(s.orders, i).customerId}`);
  });
  let next = 0;
  results.cancelOrder = await measure(async () => {
    const [orderId = '', customerId = ''] = (placed[next++] ?? '').split('\t');
    await cancelOrder(db.prisma, orderId, { kind: 'customer', customerId });
  });
  // Leave no benchmark orders behind (warm-up ones were placed too).
  await db.prisma.order.deleteMany({ where: { id: { in: placed.map((line) => line.split('\t')[0] ?? '') } } });
  await db.prisma.idempotencyKey.deleteMany({ where: { key: { startsWith: 'bench-' } } });
  return results;
}

async function ensureBenchDatabase(scale: Scale): Promise<Database> {
  const name = `shop_bench_${scale}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  await seedIfEmpty(db, scale);
  return db;
}

async function seedIfEmpty(db: Database, scale: Scale): Promise<void> {
  if (await hasStore(db.prisma)) return;
  const start = performance.now();
  console.error(`Seeding the ${scale} store…`);
  if (scale === 'small') await importStore(db.prisma, generateDemoStore());
  else await seedLargeStore(db.prisma, { ...LARGE, onProgress: (message) => console.error(`  ${message}`) });
  await db.prisma.$executeRawUnsafe('ANALYZE');
  console.error(`  seeded in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

async function storeSize(db: Database): Promise<string> {
  const [products, orders] = await Promise.all([db.prisma.product.count(), db.prisma.order.count()]);
  return `${products.toLocaleString('en-US')} products / ${orders.toLocaleString('en-US')} orders`;
}

const columns: Array<{ label: string; results: Record<string, Stats> }> = [];
const targets: Array<{ label: string; open: () => Promise<Database> }> = scales.map((scale) => ({
  label: `PostgreSQL ${scale}`,
  open: () => ensureBenchDatabase(scale),
}));
if (values.pglite) {
  targets.push({
    label: 'PGlite small',
    open: async () => {
      const db = await openDatabase({ kind: 'pglite', dataDir: null });
      await seedIfEmpty(db, 'small');
      return db;
    },
  });
}

for (const target of targets) {
  const db = await target.open();
  try {
    const label = `${target.label} (${await storeSize(db)})`;
    console.error(`Benchmarking ${label}, ${iterations} calls per function…`);
    columns.push({ label, results: await benchStore(db) });
  } finally {
    await db.close();
  }
}

const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));
const functions = Object.keys(columns[0]?.results ?? {});
const lines = [
  `| function | ${columns.map((c) => `${c.label} p50 / p95 ms`).join(' | ')} |`,
  `|---|${columns.map(() => '---').join('|')}|`,
  ...functions.map(
    (fn) => `| ${fn} | ${columns.map((c) => `${ms(c.results[fn]?.p50)} / ${ms(c.results[fn]?.p95)}`).join(' | ')} |`,
  ),
];
console.log(lines.join('\n'));
mkdirSync('bench-results', { recursive: true });
const file = `bench-results/store-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ iterations, columns }, null, 2));
console.error(`\nRaw numbers: ${file}`);
