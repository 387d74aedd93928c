import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Database, openDatabase } from '@/lib/db/client';
import { type CliIo, runDbCli } from '@/lib/store/cli';
import type { EvalStore } from './schema';

/** The evaluation clock: every expected fact (coupon validity, order ages) is relative to it. */
export const EVAL_NOW = new Date('2026-11-20T12:00:00Z');

const ROOT = resolve(import.meta.dirname, '../..');
export const NORTHWIND_STORE_FILE = join(ROOT, 'eval/stores/northwind-outfitters.json');
export const CONVERSATIONS_DIR = join(ROOT, 'eval/conversations');

export interface EvalDatabase {
  database: Database;
  dataDir: string;
  /** Closes the database and deletes its directory. */
  dispose(): Promise<void>;
}

/**
 * A fresh embedded database holding one store, built the way a merchant would: the demo store
 * with `db:seed`, the second store with `db:import` of its file (the CLI's own code path, so the
 * evaluation also proves the file imports). The CLI closes the database before this opens it:
 * PGlite allows one holder per directory.
 */
export async function prepareStoreDatabase(store: EvalStore): Promise<EvalDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `eval-${store}-`));
  const output: string[] = [];
  const io: CliIo = { out: (line) => output.push(line), err: (line) => output.push(line) };
  const target = { kind: 'pglite' as const, dataDir };
  try {
    const args = store === 'demo' ? ['seed'] : ['import', NORTHWIND_STORE_FILE];
    const code = await runDbCli(args, io, target);
    if (code !== 0) throw new Error(`db:${args[0]} of the ${store} store failed:\n${output.join('\n')}`);
    const database = await openDatabase(target);
    return {
      database,
      dataDir,
      dispose: async () => {
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
