/**
 * Load test of the chat: full turns through POST /api/chat with the built-in engine, on a mix of
 * stock, price, order and tracking questions (Chinese and English, signed-in and anonymous), for
 *
 *   baseline  a bare node:http server calling the same lib/commerce functions (bench/baseline-server.ts), PostgreSQL
 *   pglite    one `next start` on the embedded PGlite (a fresh DATA_DIR)
 *   pg        one `next start` on PostgreSQL (a fresh shop_bench_<random> database)
 *   pg-redis  two `next start` on PostgreSQL + Redis (REDIS_URL, own key prefix); shoppers spread over both
 *
 *   npm run bench                                   # all four, 5 s warm-up + 60 s each, 32 shoppers
 *   npm run bench -- --only pg,pg-redis --duration 30 --concurrency 64
 *
 * Reports turns/s, time to first byte / first text p50/p95/p99, errors, server RSS, CPU per turn,
 * the ratio to the baseline and the goals; one `BENCH {json}` line per configuration.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  type DatabaseCounters,
  databaseCounters,
  databaseUrl,
  deleteRedisKeys,
  dropDatabase,
  Sampler,
  type ServerProcess,
  startProcess,
  stopProcess,
  waitForHealth,
} from '@/bench/instances';
import { startLoad, type TurnRecord } from '@/bench/load';
import { CATEGORY_WEIGHTS, type MixData, mixDataFromStore } from '@/bench/mix';
import { fmt, linearSlope, round, type Summary, summarize, textTable } from '@/bench/stats';
import { signShopperToken } from '@/lib/auth/shopper-token';
import { generateDemoStore } from '@/lib/store/demo';

const CONFIGS = ['baseline', 'pglite', 'pg', 'pg-redis'] as const;
type ConfigName = (typeof CONFIGS)[number];

const GOALS = { baselineShare: 0.6, firstTextP95Ms: 50, memoryGrowthShare: 0.1 };

const HELP = `npm run bench -- [options]

Drives full chat turns through POST /api/chat (built-in engine, no API key) and reports
turns/s, time to first byte / first text p50/p95/p99, errors and server memory.

  --only LIST          configurations, comma-separated (default: ${CONFIGS.join(',')})
                         baseline  bare node:http + lib/commerce on PostgreSQL (the yardstick)
                         pglite    one next start on PGlite (fresh DATA_DIR)
                         pg        one next start on PostgreSQL (fresh database)
                         pg-redis  two next start on PostgreSQL + Redis, shoppers round-robin
  --duration S         measured seconds per configuration (default 60)
  --warmup S           seconds of load before measuring, not counted (default 5)
  --concurrency N      simultaneous shoppers (default 32)
  --port N             first port (default 3200; uses N … N+4)
  --server URL         PostgreSQL to create the bench databases on
                       (default $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
  --redis URL          Redis for pg-redis (default $BENCH_REDIS_URL or redis://127.0.0.1:6379)
  --think-ms N         mean pause between a shopper's turns (default 0: a closed loop at full
                       speed, which measures throughput; at saturation every latency is mostly
                       queueing, so judge first-text latency with a pause, e.g. --think-ms 1000)
  --seed N             seed of the question mix (default 1)
  --cpu-prof DIR       run the servers with node --cpu-prof, writing .cpuprofile files to DIR
                       (open them in Chrome DevTools or speedscope)
  --verbose            echo the servers' output
  --help               this text

Needs a production build (.next/BUILD_ID; built first when missing). Every shopper comes from
127.0.0.1, so the servers run with CHAT_RATE_LIMIT_BURST / _PER_SECOND = 1000000.`;

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: CONFIGS.join(',') },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    port: { type: 'string', default: '3200' },
    server: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    seed: { type: 'string', default: '1' },
    'think-ms': { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function positive(name: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    console.error(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const durationS = positive('duration', values.duration, false);
const warmupS = Number(values.warmup);
if (!Number.isFinite(warmupS) || warmupS < 0) {
  console.error(`--warmup must be 0 or more seconds, got "${values.warmup}"`);
  process.exit(2);
}
const concurrency = positive('concurrency', values.concurrency, true);
const basePort = positive('port', values.port, true);
const seed = Number(values.seed) || 1;
const thinkMs = Number(values['think-ms']);
if (!Number.isFinite(thinkMs) || thinkMs < 0) {
  console.error(`--think-ms must be 0 or more, got "${values['think-ms']}"`);
  process.exit(2);
}
const selected = values.only
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of selected) {
  if (!(CONFIGS as readonly string[]).includes(name)) {
    console.error(`--only: unknown configuration "${name}" (known: ${CONFIGS.join(', ')})`);
    process.exit(2);
  }
}
const configs = CONFIGS.filter((name) => selected.includes(name));

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
const nodeProfileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const runId = randomBytes(4).toString('hex');
const shopperSecret = randomBytes(32).toString('base64url');
const approvalSecret = randomBytes(32).toString('base64url');

// ---------------------------------------------------------------------------------------------
// Clean-up: servers stopped, databases dropped, temp dirs removed — also on Ctrl-C and failure.

const cleanups: Array<{ label: string; run: () => Promise<void> | void }> = [];
function onCleanup(label: string, run: () => Promise<void> | void): void {
  cleanups.push({ label, run });
}
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    if (!step) break;
    try {
      await step.run();
    } catch (error) {
      console.warn(`  clean-up "${step.label}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
// Ctrl-C: the running configuration stops at once and cleans up after itself (main's finally);
// a second Ctrl-C cleans up whatever is left and exits without waiting.
let interrupted = false;
const interruption = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) {
      console.log(`\n${signal} again: cleaning up and exiting now…`);
      cleanUp().finally(() => process.exit(130));
      return;
    }
    interrupted = true;
    console.log(`\n${signal}: stopping the servers and removing the bench databases…`);
    interruption.abort();
  });
}

/** Waits ms, or less when interrupted (then throws). */
async function sleep(ms: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    interruption.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (interrupted) throw new Error('interrupted');
}

// ---------------------------------------------------------------------------------------------
// Servers

function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|DATA_DIR|REDIS_|DEMO_STORE|WIDGET_ALLOWED_ORIGINS|OPENAI_|CHAT_)/.test(key)) delete env[key];
  }
  return {
    ...env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    OPENAI_API_KEY: '',
    SHOPPER_TOKEN_SECRET: shopperSecret,
    TOOL_APPROVAL_SECRET: approvalSecret,
    CHAT_RATE_LIMIT_BURST: '1000000',
    CHAT_RATE_LIMIT_PER_SECOND: '1000000',
    ...extra,
  };
}

function startNext(name: string, port: number, extra: Record<string, string>): ServerProcess {
  const server = startProcess({
    name,
    port,
    command: process.execPath,
    args: [...nodeProfileArgs, 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    cwd: root,
    env: serverEnv(extra),
    echo: values.verbose,
  });
  onCleanup(`stop ${name}`, () => stopProcess(server));
  return server;
}

function startBaseline(port: number, url: string): ServerProcess {
  const server = startProcess({
    name: 'baseline',
    port,
    command: process.execPath,
    args: [...nodeProfileArgs, '--import', 'tsx', 'bench/baseline-server.ts', '--port', String(port), '--database-url', url],
    cwd: root,
    env: serverEnv({}),
    echo: values.verbose,
  });
  onCleanup('stop baseline', () => stopProcess(server));
  return server;
}

async function freshDatabase(): Promise<{ name: string; url: string }> {
  const name = `shop_bench_${runId}_${randomBytes(3).toString('hex')}`;
  await createDatabase(values.server, name);
  onCleanup(`drop database ${name}`, () => dropDatabase(values.server, name));
  return { name, url: databaseUrl(values.server, name) };
}

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shop-bench-pglite-'));
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let buildChecked = false;
function ensureBuild(): void {
  if (buildChecked) return;
  buildChecked = true;
  if (existsSync(join(root, '.next', 'BUILD_ID'))) return;
  console.log('No production build (.next/BUILD_ID is missing): running `npm run build` first…');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

interface Deployment {
  description: string;
  servers: ServerProcess[];
  databases: string[];
  /** What GET /api/health must say about the database. */
  expectDatabase: string;
  /** What GET /api/health must say the instances share (pg-redis: "redis"). */
  expectShared?: string;
}

async function deploy(config: ConfigName, portOf: (offset: number) => number): Promise<Deployment> {
  switch (config) {
    case 'baseline': {
      const db = await freshDatabase();
      const server = startBaseline(portOf(0), db.url);
      return {
        description: `bare node:http + lib/commerce, PostgreSQL ${db.name}`,
        servers: [server],
        databases: [db.name],
        expectDatabase: 'postgres',
      };
    }
    case 'pglite': {
      ensureBuild();
      const dir = freshDataDir();
      return {
        description: `next start, PGlite in ${dir}`,
        servers: [startNext('pglite', portOf(1), { DATABASE_URL: '', DATA_DIR: dir })],
        databases: [],
        expectDatabase: 'pglite',
      };
    }
    case 'pg': {
      ensureBuild();
      const db = await freshDatabase();
      return {
        description: `next start, PostgreSQL ${db.name}`,
        servers: [startNext('pg', portOf(2), { DATABASE_URL: db.url })],
        databases: [db.name],
        expectDatabase: 'postgres',
      };
    }
    case 'pg-redis': {
      ensureBuild();
      const db = await freshDatabase();
      const prefix = `bench-${runId}:`;
      onCleanup(`delete Redis keys ${prefix}*`, async () => {
        const deleted = await deleteRedisKeys(values.redis, prefix);
        if (deleted > 0) console.log(`  deleted ${deleted} Redis keys ${prefix}*`);
      });
      const env = { DATABASE_URL: db.url, REDIS_URL: values.redis, REDIS_KEY_PREFIX: prefix };
      // The first instance migrates and loads the demo store; the second starts on a ready database.
      const first = startNext('pg-redis#1', portOf(3), env);
      await waitForHealth(first, 180_000, interruption.signal);
      const second = startNext('pg-redis#2', portOf(4), env);
      return {
        description: `2 × next start, PostgreSQL ${db.name}, Redis ${values.redis} prefix ${prefix}`,
        servers: [first, second],
        databases: [db.name],
        expectDatabase: 'postgres',
        expectShared: 'redis',
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One configuration under load

interface ConfigResult {
  config: ConfigName;
  description: string;
  instances: number;
  concurrency: number;
  thinkMs: number;
  durationS: number;
  turns: number;
  turnsPerSecond: number;
  percentOfBaseline: number | null;
  ttfbMs: Summary;
  firstTextMs: Summary;
  totalMs: Summary;
  errors: number;
  errorMessages: string[];
  warmupErrors: number;
  /** Turns whose expected tools all ran (the answer is a real answer, not "I don't understand"). */
  understoodShare: number;
  /** Turns in which at least one tool ran. */
  toolsRanShare: number;
  signedInShare: number;
  turnsPerInstance: number[];
  rssMb: {
    start: number;
    end: number;
    max: number;
    growth: number;
    growthShare: number;
    slopePerMinute: number | null;
    /** Every 10 s from the start of the measured window (all instances together). */
    every10s: number[];
  };
  cpuMsPerTurn: { server: number | null; postgres: number | null; loadGenerator: number | null };
  /** pg_stat_database of the configuration's database over the window, per turn. */
  postgresPerTurn: DatabaseCounters | null;
  /** CPU cores busy on the machine during the window that were none of ours (other work: noise). */
  otherCpuCores: number;
  loadAverage: number;
  examples: Array<{ category: string; question: string; tools: string[]; answer: string }>;
  misunderstood: Array<{ question: string; tools: string[]; answer: string }>;
}

const MB = 1024 * 1024;

async function runConfig(
  config: ConfigName,
  mix: MixData,
  tokens: Map<string, string>,
  baselineTurnsPerSecond: number | null,
): Promise<ConfigResult> {
  const portOf = (offset: number) => basePort + offset;
  const deployment = await deploy(config, portOf);
  console.log(`  ${deployment.description}`);
  for (const server of deployment.servers) {
    try {
      await waitForHealth(server, 180_000, interruption.signal);
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- ${server.name} output (tail) ---\n${server.tail()}`,
      );
    }
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as Record<string, unknown>;
    if (health.database !== deployment.expectDatabase) {
      throw new Error(`${server.name} reports database ${String(health.database)}, expected ${deployment.expectDatabase}`);
    }
    if (deployment.expectShared && health.shared !== deployment.expectShared) {
      throw new Error(
        `${server.name} shares ${String(health.shared ?? 'nothing (no "shared" in its health report)')}, expected ${deployment.expectShared}: ` +
          `is Redis at ${values.redis} reachable?`,
      );
    }
    console.log(`  ${server.name} (pid ${server.pid}) healthy on port ${server.port}: ${JSON.stringify(health)}`);
  }

  const targets = deployment.servers.map((server) => `http://127.0.0.1:${server.port}`);
  const load = startLoad({
    targets,
    concurrency,
    mix,
    tokenFor: (customerId) => tokens.get(customerId) ?? '',
    seed,
    turnTimeoutMs: 60_000,
    signedInShare: 0.5,
    thinkMs,
  });
  const sampler = new Sampler(
    deployment.servers.map((server) => server.pid),
    deployment.databases,
    load.origin,
  );
  sampler.start();
  const loadAverage = loadavg()[0] ?? 0;
  let startMarks: ReturnType<Sampler['mark']> | null = null;
  let endMarks: ReturnType<Sampler['mark']> | null = null;
  let windowStart = 0;
  let windowEnd = 0;
  let startCounters: DatabaseCounters | null = null;
  let endCounters: DatabaseCounters | null = null;
  try {
    await sleep(warmupS * 1000);
    windowStart = performance.now() - load.origin;
    startCounters = await databaseCounters(values.server, deployment.databases);
    startMarks = sampler.mark();
    sampler.sample();
    await sleep(durationS * 1000);
    windowEnd = performance.now() - load.origin;
    endMarks = sampler.mark();
    endCounters = await databaseCounters(values.server, deployment.databases);
    sampler.sample();
  } finally {
    sampler.stop();
    await load.stop();
  }
  const died = deployment.servers.filter((server) => server.hasExited());
  if (died.length > 0) {
    throw new Error(
      died.map((server) => `${server.name} exited during the run\n--- output (tail) ---\n${server.tail()}`).join('\n'),
    );
  }

  const measured = load.records.filter((record) => record.endedAt >= windowStart && record.endedAt <= windowEnd);
  const warmupErrors = load.records.filter((record) => record.endedAt < windowStart && record.error).length;
  const ok = measured.filter((record) => record.error === null);
  const failed = measured.filter((record) => record.error !== null);
  const seconds = (windowEnd - windowStart) / 1000;

  const windowSamples = sampler.samples.filter((sample) => sample.at >= windowStart - 1 && sample.at <= windowEnd + 1);
  const total = (sample: { rss: number[] }) => sample.rss.reduce((sum, value) => sum + value, 0) / MB;
  const rssStart = windowSamples[0] ? total(windowSamples[0]) : 0;
  const rssEnd = windowSamples.at(-1) ? total(windowSamples.at(-1) as { rss: number[] }) : 0;
  const rssMax = Math.max(0, ...windowSamples.map(total));
  const slope = linearSlope(windowSamples.map((sample) => ({ x: sample.at / 60_000, y: total(sample) })));

  const perTurn = (ms: number) => (measured.length > 0 ? ms / measured.length : null);
  const marks = startMarks && endMarks ? { start: startMarks, end: endMarks } : null;
  const serverCpu = marks ? marks.end.serverCpuMs - marks.start.serverCpuMs : 0;
  // mark() gives the backends' CPU since the previous mark(): the end mark's is the window's.
  const postgresCpu = marks ? marks.end.postgresCpuMs : 0;
  const ownCpu = marks ? marks.end.ownCpuMs - marks.start.ownCpuMs : 0;
  const machineCpu = marks ? marks.end.machineBusyMs - marks.start.machineBusyMs : 0;
  const otherCpu = Math.max(0, machineCpu - serverCpu - postgresCpu - ownCpu);

  const errorMessages = [...new Set(failed.map((record) => record.error ?? ''))].slice(0, 5);
  const examples: ConfigResult['examples'] = [];
  for (const [category] of CATEGORY_WEIGHTS) {
    for (const signedIn of [false, true]) {
      const sample = ok.find((record) => record.understood && record.category === category && record.signedIn === signedIn);
      if (sample) {
        examples.push({
          category: `${category}${signedIn ? ' (signed in)' : ''}`,
          question: sample.text,
          tools: sample.tools,
          answer: sample.answer.replace(/\s+/g, ' ').slice(0, 110),
        });
      }
    }
  }
  const turnsPerSecond = measured.length / seconds;
  return {
    config,
    description: deployment.description,
    instances: deployment.servers.length,
    concurrency,
    thinkMs,
    durationS: seconds,
    turns: measured.length,
    turnsPerSecond,
    percentOfBaseline: baselineTurnsPerSecond ? (100 * turnsPerSecond) / baselineTurnsPerSecond : null,
    ttfbMs: summarize(ok.flatMap((record) => (record.ttfbMs === null ? [] : [record.ttfbMs]))),
    firstTextMs: summarize(ok.flatMap((record) => (record.firstTextMs === null ? [] : [record.firstTextMs]))),
    totalMs: summarize(ok.map((record) => record.totalMs)),
    errors: failed.length,
    errorMessages,
    warmupErrors,
    understoodShare: share(ok, (record) => record.understood),
    toolsRanShare: share(ok, (record) => record.tools.length > 0),
    signedInShare: share(measured, (record) => record.signedIn),
    turnsPerInstance: deployment.servers.map((_, i) => measured.filter((record) => record.target === i).length),
    rssMb: {
      start: rssStart,
      end: rssEnd,
      max: rssMax,
      growth: rssEnd - rssStart,
      growthShare: rssStart > 0 ? (rssEnd - rssStart) / rssStart : 0,
      slopePerMinute: slope,
      every10s: everyTenSeconds(windowSamples, windowStart).map((sample) => Math.round(total(sample))),
    },
    cpuMsPerTurn: {
      server: perTurn(serverCpu),
      postgres: deployment.databases.length > 0 ? perTurn(postgresCpu) : null,
      loadGenerator: perTurn(ownCpu),
    },
    postgresPerTurn:
      startCounters && endCounters && measured.length > 0
        ? {
            transactions: (endCounters.transactions - startCounters.transactions) / measured.length,
            rowsRead: (endCounters.rowsRead - startCounters.rowsRead) / measured.length,
            rowsWritten: (endCounters.rowsWritten - startCounters.rowsWritten) / measured.length,
          }
        : null,
    otherCpuCores: otherCpu / (windowEnd - windowStart),
    loadAverage,
    examples,
    misunderstood: ok
      .filter((record) => !record.understood)
      .slice(0, 5)
      .map((record) => ({ question: record.text, tools: record.tools, answer: record.answer.replace(/\s+/g, ' ').slice(0, 80) })),
  };
}

/** The first sample of each 10-second stretch after start. */
function everyTenSeconds<T extends { at: number }>(samples: T[], start: number): T[] {
  const kept: T[] = [];
  let lastBucket = -1;
  for (const sample of samples) {
    const bucket = Math.floor(Math.max(0, sample.at - start) / 10_000);
    if (bucket !== lastBucket) kept.push(sample);
    lastBucket = bucket;
  }
  return kept;
}

function share(records: TurnRecord[], test: (record: TurnRecord) => boolean): number {
  return records.length === 0 ? 0 : records.filter(test).length / records.length;
}

// ---------------------------------------------------------------------------------------------
// Report

function goals(result: ConfigResult) {
  return {
    // With a pause between turns the shoppers, not the server, set the pace: no throughput verdict.
    throughput:
      result.percentOfBaseline === null || result.thinkMs > 0 ? null : result.percentOfBaseline >= GOALS.baselineShare * 100,
    firstTextP95: result.firstTextMs.p95 !== null && result.firstTextMs.p95 <= GOALS.firstTextP95Ms,
    zeroErrors: result.errors === 0 && result.turns > 0,
    memoryFlat: result.rssMb.growthShare <= GOALS.memoryGrowthShare,
  };
}

function benchLine(result: ConfigResult): string {
  const s = (summary: Summary) => ({ p50: round(summary.p50), p95: round(summary.p95), p99: round(summary.p99) });
  return `BENCH ${JSON.stringify({
    config: result.config,
    instances: result.instances,
    concurrency: result.concurrency,
    thinkMs: result.thinkMs,
    durationS: round(result.durationS),
    turns: result.turns,
    turnsPerSecond: round(result.turnsPerSecond),
    percentOfBaseline: round(result.percentOfBaseline),
    ttfbMs: s(result.ttfbMs),
    firstTextMs: s(result.firstTextMs),
    totalMs: { p50: round(result.totalMs.p50), p95: round(result.totalMs.p95) },
    errors: result.errors,
    understood: round(result.understoodShare, 3),
    rssMb: {
      start: round(result.rssMb.start),
      end: round(result.rssMb.end),
      max: round(result.rssMb.max),
      growthPct: round(100 * result.rssMb.growthShare),
    },
    cpuMsPerTurn: {
      server: round(result.cpuMsPerTurn.server, 2),
      postgres: round(result.cpuMsPerTurn.postgres, 2),
      loadGenerator: round(result.cpuMsPerTurn.loadGenerator, 2),
    },
    postgresPerTurn: result.postgresPerTurn && {
      transactions: round(result.postgresPerTurn.transactions),
      rowsRead: round(result.postgresPerTurn.rowsRead, 0),
      rowsWritten: round(result.postgresPerTurn.rowsWritten),
    },
    otherCpuCores: round(result.otherCpuCores, 2),
    goals: goals(result),
  })}`;
}

function printSummary(result: ConfigResult): void {
  const g = goals(result);
  const mark = (ok: boolean | null) => (ok === null ? '–' : ok ? 'met' : 'MISSED');
  console.log(
    `  ${fmt(result.turnsPerSecond)} turns/s${result.percentOfBaseline === null ? '' : ` (${fmt(result.percentOfBaseline, 0)} % of baseline)`}, ` +
      `first text p95 ${fmt(result.firstTextMs.p95)} ms, ${result.errors} errors, RSS ${fmt(result.rssMb.start, 0)} → ${fmt(result.rssMb.end, 0)} MB`,
  );
  console.log(
    `  goals: throughput ${mark(g.throughput)}, first text p95 ${mark(g.firstTextP95)}, errors ${mark(g.zeroErrors)}, memory ${mark(g.memoryFlat)}`,
  );
  if (result.errors > 0) for (const message of result.errorMessages) console.log(`  error: ${message}`);
  console.log(`  RSS every 10 s (MB): ${result.rssMb.every10s.join(' ')}`);
  if (result.warmupErrors > 0) console.log(`  (${result.warmupErrors} errors during the warm-up, not counted)`);
  for (const example of result.examples) {
    console.log(`    ${example.category}: "${example.question}" → [${example.tools.join(', ')}] ${example.answer}`);
  }
  for (const miss of result.misunderstood) {
    console.log(`    NOT ABOUT WHAT WAS ASKED: "${miss.question}" → [${miss.tools.join(', ')}] ${miss.answer}`);
  }
}

function printTable(results: ConfigResult[]): void {
  const row = (label: string, cell: (result: ConfigResult) => string) => [label, ...results.map(cell)];
  const triple = (summary: Summary) => `${fmt(summary.p50)} / ${fmt(summary.p95)} / ${fmt(summary.p99)}`;
  const rows = [
    ['', ...results.map((result) => result.config)],
    row('instances', (r) => String(r.instances)),
    row('turns measured', (r) => String(r.turns)),
    row('turns/s', (r) => fmt(r.turnsPerSecond)),
    row('% of baseline turns/s', (r) => (r.percentOfBaseline === null ? '–' : `${fmt(r.percentOfBaseline, 0)} %`)),
    row('TTFB p50/p95/p99 ms', (r) => triple(r.ttfbMs)),
    row('first text p50/p95/p99 ms', (r) => triple(r.firstTextMs)),
    row('whole turn p50/p95 ms', (r) => `${fmt(r.totalMs.p50)} / ${fmt(r.totalMs.p95)}`),
    row('errors', (r) => String(r.errors)),
    row('answers about what was asked', (r) => `${fmt(100 * r.understoodShare)} %`),
    row('turns with a tool run', (r) => `${fmt(100 * r.toolsRanShare)} %`),
    row('signed-in turns', (r) => `${fmt(100 * r.signedInShare, 0)} %`),
    row('turns per instance', (r) => r.turnsPerInstance.join(' + ')),
    row('server RSS start/end/max MB', (r) => `${fmt(r.rssMb.start, 0)} / ${fmt(r.rssMb.end, 0)} / ${fmt(r.rssMb.max, 0)}`),
    row('RSS growth', (r) => `${r.rssMb.growth >= 0 ? '+' : ''}${fmt(r.rssMb.growth)} MB (${fmt(100 * r.rssMb.growthShare)} %)`),
    row('RSS growth, second half', (r) => {
      const series = r.rssMb.every10s;
      const middle = series[Math.floor((series.length - 1) / 2)];
      return middle === undefined ? '–' : `${r.rssMb.end - middle >= 0 ? '+' : ''}${fmt(r.rssMb.end - middle)} MB`;
    }),
    row('RSS trend MB/min', (r) => fmt(r.rssMb.slopePerMinute)),
    row('server CPU ms/turn', (r) => fmt(r.cpuMsPerTurn.server, 2)),
    row('PostgreSQL CPU ms/turn', (r) => fmt(r.cpuMsPerTurn.postgres, 2)),
    row('PostgreSQL transactions/turn', (r) => fmt(r.postgresPerTurn?.transactions ?? null)),
    row('PostgreSQL rows read/written per turn', (r) =>
      r.postgresPerTurn ? `${fmt(r.postgresPerTurn.rowsRead, 0)} / ${fmt(r.postgresPerTurn.rowsWritten)}` : '–',
    ),
    row('load generator CPU ms/turn', (r) => fmt(r.cpuMsPerTurn.loadGenerator, 2)),
    row('other CPU on the machine', (r) => `${fmt(r.otherCpuCores, 2)} cores`),
  ];
  console.log(textTable(rows));
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const mix = mixDataFromStore(generateDemoStore());
  const tokens = new Map<string, string>();
  for (const customer of mix.customers) {
    tokens.set(customer.id, await signShopperToken(customer.id, shopperSecret, { expiresInSeconds: 4 * 60 * 60 }));
  }
  console.log(
    `Chat load test ${runId}: ${configs.join(', ')}; ${concurrency} shoppers` +
      `${thinkMs > 0 ? ` pausing ${thinkMs} ms on average between turns` : ' (no pause between turns)'}, ` +
      `${warmupS} s warm-up + ${durationS} s measured each.\n` +
      `Mix: ${CATEGORY_WEIGHTS.map(([name, weight]) => `${name} ${weight * 100} %`).join(', ')}; Chinese and English; ` +
      `half the conversations signed in (${mix.customers.length} demo customers with orders), 2–4 turns each.\n` +
      'Every shopper comes from 127.0.0.1: the servers run with CHAT_RATE_LIMIT_BURST=1000000 and CHAT_RATE_LIMIT_PER_SECOND=1000000.\n' +
      `Machine: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')} load average now.`,
  );

  const results: ConfigResult[] = [];
  const failures: string[] = [];
  let baselineTurnsPerSecond: number | null = null;
  for (const config of configs) {
    if (interrupted) break;
    console.log(`\n== ${config}`);
    const before = cleanups.length;
    try {
      const result = await runConfig(config, mix, tokens, baselineTurnsPerSecond);
      if (config === 'baseline') {
        baselineTurnsPerSecond = result.turnsPerSecond;
        result.percentOfBaseline = 100;
      }
      results.push(result);
      printSummary(result);
      console.log(benchLine(result));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (interrupted) {
        console.error(`  ${config} interrupted`);
      } else {
        failures.push(`${config}: ${message.split('\n')[0]}`);
        console.error(`  ${config} FAILED: ${message}`);
      }
    } finally {
      // This configuration's servers, databases and directories, newest first.
      const mine = cleanups.splice(before);
      while (mine.length > 0) {
        const step = mine.pop();
        if (!step) break;
        try {
          await step.run();
        } catch (error) {
          console.warn(`  clean-up "${step.label}" failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  if (results.length > 0) {
    const pause = thinkMs > 0 ? `, ${thinkMs} ms mean pause between turns` : ', no pause between turns';
    console.log(
      `\n== Results (${concurrency} concurrent shoppers${pause}, ${durationS} s measured after ${warmupS} s warm-up)\n`,
    );
    printTable(results);
    console.log(
      `\nGoals: ≥ ${GOALS.baselineShare * 100} % of the baseline's turns/s, first text p95 ≤ ${GOALS.firstTextP95Ms} ms ` +
        `at ${concurrency} shoppers, zero errors, RSS growth ≤ ${GOALS.memoryGrowthShare * 100} % over the measured run.`,
    );
    for (const result of results) {
      const g = goals(result);
      const mark = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'MISSED');
      console.log(
        `  ${result.config.padEnd(9)} throughput ${mark(g.throughput)} (${fmt(result.percentOfBaseline, 0)} %), ` +
          `first text p95 ${mark(g.firstTextP95)} (${fmt(result.firstTextMs.p95)} ms), errors ${mark(g.zeroErrors)} (${result.errors}), ` +
          `memory ${mark(g.memoryFlat)} (${result.rssMb.growth >= 0 ? '+' : ''}${fmt(result.rssMb.growth)} MB, ${fmt(100 * result.rssMb.growthShare)} %)`,
      );
    }
    console.log('');
    for (const result of results) console.log(benchLine(result));
    const dir = join(root, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `chat-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ runId, concurrency, warmupS, durationS, results }, null, 2)}\n`);
    console.log(`\nFull results: ${file}`);
  }
  if (interrupted) {
    console.error('\nInterrupted: the servers are stopped and the bench databases dropped.');
    return 130;
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} configuration(s) failed:\n${failures.map((line) => `  ${line}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanUp();
    process.exit(1);
  });
