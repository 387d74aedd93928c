import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { DataDirLockedError } from '@/lib/db/data-dir-lock';

const CHILD = join(import.meta.dirname, '../support/database-child.ts');
// node itself with tsx as a loader, so the pid we hold is the process holding the database.
const NODE_ARGS = ['--import', 'tsx', CHILD];

const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shop-data-'));
  dirs.push(dir);
  return dir;
}

/** Starts the child and resolves once it has printed `line` (or `count` lines starting with it). */
function startChild(
  mode: string,
  dataDir: string,
): { child: ChildProcess; output: string[]; waitFor(prefix: string, count?: number): Promise<void> } {
  const child = spawn(process.execPath, [...NODE_ARGS, mode, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output: string[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    output.push(...lines);
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    child,
    output,
    waitFor: (prefix, count = 1) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (output.filter((line) => line.startsWith(prefix)).length >= count) return resolve();
          if (child.exitCode !== null) return reject(new Error(`child exited ${child.exitCode}: ${stderr}`));
          waiters.push(check);
        };
        child.once('exit', check);
        check();
      }),
  };
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database (PGlite in DATA_DIR)', () => {
  it('persists across restarts and applies migrations only once', async () => {
    const dataDir = tempDataDir();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    await first.prisma.storeSettings.create({
      data: { name: 'Acme', currency: 'CNY', locale: 'zh-CN', timezone: 'Asia/Shanghai' },
    });
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.prisma.storeSettings.findFirst()).toMatchObject({ name: 'Acme' });
    await second.close();
  });

  it('refuses a second process with an error naming the process that holds the data', async () => {
    const dataDir = tempDataDir();
    const holder = startChild('hold', dataDir);
    await holder.waitFor('ready');

    const error = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).holder.pid).toBe(holder.child.pid);
    expect((error as Error).message).toContain(`in use by process ${holder.child.pid}`);

    // The same from a separate process: it exits with the message instead of hanging.
    const second = spawnSync(process.execPath, [...NODE_ARGS, 'open', dataDir], { encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`in use by process ${holder.child.pid}`);
  });

  it('keeps every committed row when the process is killed with SIGKILL mid-write, and reopens cleanly', async () => {
    const dataDir = tempDataDir();
    const writer = startChild('write', dataDir);
    await writer.waitFor('committed', 25);
    writer.child.kill('SIGKILL');
    await new Promise((resolve) => writer.child.once('exit', resolve));
    const committed = writer.output
      .filter((line) => line.startsWith('committed '))
      .map((line) => line.slice('committed '.length));

    const db = await openDatabase({ kind: 'pglite', dataDir });
    const codes = new Set((await db.prisma.warehouse.findMany({ select: { code: true } })).map((row) => row.code));
    for (const code of committed) expect(codes).toContain(code);
    // The data is writable again, not just readable.
    await db.prisma.warehouse.create({
      data: { code: 'after-crash', name: 'x', region: 'x', deliveryDaysMin: 1, deliveryDaysMax: 1, position: 0 },
    });
    await db.close();

    const reopened = spawnSync(process.execPath, [...NODE_ARGS, 'open', dataDir], { encoding: 'utf8', timeout: 60_000 });
    expect(reopened.status).toBe(0);
  });
});
