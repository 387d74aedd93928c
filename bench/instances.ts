/**
 * The servers under test and what they cost: spawn a process (keeping the tail of its output),
 * wait for GET /api/health, stop it (SIGTERM, SIGKILL after a grace period), read its process
 * tree's memory (VmRSS) and CPU time from /proc, the CPU time of PostgreSQL backends serving one
 * database, and the machine's total CPU use (to see how much of it was someone else's).
 * Also: create and drop a PostgreSQL database. Linux only (/proc).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';

export interface ServerProcess {
  name: string;
  port: number;
  child: ChildProcess;
  pid: number;
  /** Last lines of stdout and stderr together. */
  tail(): string;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<string>;
  hasExited(): boolean;
}

const TAIL_LINES = 40;

export function startProcess(options: {
  name: string;
  port: number;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Echo the process's output, prefixed with its name. */
  echo?: boolean;
}): ServerProcess {
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let exited = false;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (options.echo) console.log(`  [${options.name}] ${line}`);
    }
    if (lines.length > TAIL_LINES) lines.splice(0, lines.length - TAIL_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exitedPromise = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolve(signal ?? String(code));
    });
    child.on('error', (error) => {
      exited = true;
      lines.push(`spawn failed: ${error.message}`);
      resolve('spawn-error');
    });
  });
  if (child.pid === undefined) lines.push(`could not spawn ${options.command}`);
  return {
    name: options.name,
    port: options.port,
    child,
    pid: child.pid ?? -1,
    tail: () => lines.join('\n'),
    exited: exitedPromise,
    hasExited: () => exited,
  };
}

/** Polls GET /api/health until it answers 200; fails early when the process exits. */
export async function waitForHealth(server: ServerProcess, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const url = `http://127.0.0.1:${server.port}/api/health`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error('interrupted');
    if (server.hasExited()) throw new Error(`${server.name} exited (${await server.exited}) before it was healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `HTTP ${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name} was not healthy within ${timeoutMs / 1000} s (${last})`);
}

/** SIGTERM, then SIGKILL (to the whole process tree) after graceMs. */
export async function stopProcess(server: ServerProcess, graceMs = 15_000): Promise<void> {
  if (server.hasExited() || server.pid < 0) return;
  const tree = processTree(server.pid);
  server.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([server.exited, timeout])) === 'timeout') {
    console.warn(`  ${server.name} did not stop within ${graceMs / 1000} s of SIGTERM: SIGKILL`);
    for (const pid of tree) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.exited;
  }
}

interface ProcInfo {
  pid: number;
  ppid: number;
  /** user + system CPU time, ms */
  cpuMs: number;
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, ppid, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The pid and all its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const info = readProc(pid);
    if (!info) continue;
    const list = children.get(info.ppid) ?? [];
    list.push(pid);
    children.set(info.ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** VmRSS in bytes (0 for a process that is gone). */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export function treeUsage(root: number): { rss: number; cpuMs: number } {
  let rss = 0;
  let cpuMs = 0;
  for (const pid of processTree(root)) {
    rss += rssBytes(pid);
    cpuMs += readProc(pid)?.cpuMs ?? 0;
  }
  return { rss, cpuMs };
}

/** CPU ms of every PostgreSQL backend connected to `database` (its process title names the database). */
export function postgresBackends(database: string): Map<number, number> {
  const result = new Map<number, number>();
  const needle = ` ${database} `;
  for (const pid of allPids()) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.startsWith('postgres:') || !cmdline.includes(needle)) continue;
    const info = readProc(pid);
    if (info) result.set(pid, info.cpuMs);
  }
  return result;
}

/** Busy CPU time of the whole machine, all cores (ms), from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  const ticks = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export interface Sample {
  /** ms since the sampler's origin */
  at: number;
  /** RSS per server, bytes */
  rss: number[];
}

/**
 * Samples the servers' RSS every second and, between mark() calls, their CPU time, the CPU time of
 * the PostgreSQL backends of the given databases, and the machine's.
 */
export class Sampler {
  samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Highest CPU time seen per backend pid (backends come and go). */
  private backendCpu = new Map<number, number>();
  private backendAtMark = new Map<number, number>();

  constructor(
    private readonly pids: number[],
    private readonly databases: string[],
    private readonly origin: number,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  sample(): Sample {
    const sample = { at: performance.now() - this.origin, rss: this.pids.map((pid) => treeUsage(pid).rss) };
    this.samples.push(sample);
    this.readBackends();
    return sample;
  }

  private readBackends(): void {
    for (const database of this.databases) {
      for (const [pid, cpu] of postgresBackends(database)) this.backendCpu.set(pid, cpu);
    }
  }

  /** CPU counters now: call at the start and the end of the measured window. */
  mark(): { serverCpuMs: number; postgresCpuMs: number; machineBusyMs: number; ownCpuMs: number } {
    this.readBackends();
    let postgresCpuMs = 0;
    for (const [pid, cpu] of this.backendCpu) postgresCpuMs += cpu - (this.backendAtMark.get(pid) ?? 0);
    this.backendAtMark = new Map(this.backendCpu);
    const own = process.cpuUsage();
    return {
      serverCpuMs: this.pids.reduce((sum, pid) => sum + treeUsage(pid).cpuMs, 0),
      postgresCpuMs,
      machineBusyMs: machineBusyMs(),
      ownCpuMs: (own.user + own.system) / 1000,
    };
  }
}

/** CREATE DATABASE on the server of adminUrl (a URL to an existing database, e.g. /postgres). */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** postgres://user@host:port/<database> from the admin URL. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface DatabaseCounters {
  /** Committed + rolled-back transactions: each statement outside a transaction is one. */
  transactions: number;
  rowsRead: number;
  rowsWritten: number;
}

/** Activity counters of databases (pg_stat_database), summed; null when none are given. */
export async function databaseCounters(adminUrl: string, names: string[]): Promise<DatabaseCounters | null> {
  if (names.length === 0) return null;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ transactions: string; rows_read: string; rows_written: string }>(
      `SELECT sum(xact_commit + xact_rollback) AS transactions, sum(tup_returned + tup_fetched) AS rows_read,
              sum(tup_inserted + tup_updated + tup_deleted) AS rows_written
         FROM pg_stat_database WHERE datname = ANY($1)`,
      [names],
    );
    const row = rows[0];
    return {
      transactions: Number(row?.transactions ?? 0),
      rowsRead: Number(row?.rows_read ?? 0),
      rowsWritten: Number(row?.rows_written ?? 0),
    };
  } finally {
    await client.end();
  }
}

type RespValue = string | number | null | RespValue[];

/** Parses one RESP reply at `offset`; null when the buffer does not hold all of it yet. */
export function parseResp(buffer: Buffer, offset = 0): { value: RespValue; end: number } | null {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd === -1) return null;
  const type = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      throw new Error(`Redis: ${line}`);
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return null;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespValue[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buffer, at);
        if (!item) return null;
        items.push(item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new Error(`Redis: unexpected reply type ${JSON.stringify(type)}`);
  }
}

/** Sends one command and reads its reply (a fresh connection per call: this runs a few times per bench). */
function redisCommand(url: string, args: string[]): Promise<RespValue> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname, port: Number(target.port || 6379) });
    let received = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('Redis did not answer within 5 s')));
    socket.on('error', reject);
    socket.on('connect', () => {
      const parts = [`*${args.length}\r\n`, ...args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`)];
      socket.write(parts.join(''));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      try {
        const reply = parseResp(received);
        if (reply) {
          socket.end();
          resolve(reply.value);
        }
      } catch (error) {
        socket.destroy();
        reject(error);
      }
    });
  });
}

/** Deletes every key starting with prefix (SCAN + DEL); returns how many. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const reply = await redisCommand(url, ['SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000']);
    if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Redis: unexpected SCAN reply');
    cursor = String(reply[0]);
    const keys = (reply[1] as RespValue[]).map(String);
    if (keys.length > 0) deleted += Number(await redisCommand(url, ['DEL', ...keys]));
  } while (cursor !== '0');
  return deleted;
}
