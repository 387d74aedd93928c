import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite is PostgreSQL inside this process: two processes writing one data directory would
 * corrupt it. The lock file names its holder so the second process can say who to stop, and a
 * holder that died (kill -9, power loss) is detected and replaced on the next start.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  /** Kernel start time of the process (Linux), so a recycled pid is not mistaken for the holder. */
  processStart: string | null;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}) ` +
        `on ${holder.hostname}, started ${holder.startedAt}. PGlite allows one process per data directory: ` +
        `stop that process, point DATA_DIR elsewhere, or set DATABASE_URL to use PostgreSQL for several processes.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'app.lock';

function processStartTime(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true; // a shared disk: we cannot tell, so never steal
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const start = processStartTime(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null; // missing, or torn by a crash between create and write
  }
}

function describeSelf(): LockHolder {
  return {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1, 3).join(' ').slice(0, 200) || 'node',
    startedAt: new Date().toISOString(),
    processStart: processStartTime(process.pid),
  };
}

/** Takes the lock or throws DataDirLockedError. Returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE);
  const self = describeSelf();
  // Written aside and hard-linked into place: the link either creates the lock whole or fails.
  const draftPath = `${lockPath}.${process.pid}`;
  const fd = openSync(draftPath, 'w');
  writeSync(fd, JSON.stringify(self));
  closeSync(fd);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draftPath, lockPath);
        return () => releaseIfOurs(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      breakStaleLock(lockPath, holder);
    }
    throw new Error(`Could not take the lock ${lockPath}: other processes keep replacing it.`);
  } finally {
    unlinkSync(draftPath);
  }
}

function breakStaleLock(lockPath: string, stale: LockHolder | null): void {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // someone else removed it first
  }
  const moved = readHolder(aside);
  if (moved && stale && moved.pid !== stale.pid) {
    // A live process took the lock between our read and our rename: put it back.
    try {
      linkSync(aside, lockPath);
    } catch {
      /* it will be judged again on the next attempt */
    }
  }
  unlinkSync(aside);
}

function releaseIfOurs(lockPath: string): void {
  if (readHolder(lockPath)?.pid === process.pid) {
    try {
      unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}
