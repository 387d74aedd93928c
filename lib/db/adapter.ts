import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockDataDir } from './data-dir-lock';
import type { DatabaseTarget } from './target';

/** A driver adapter factory for the target, and how to let go of what it opened. */
export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** Trigram search needs pg_trgm; PGlite ships it as a WASM extension to load at start. */
export async function createPglite(dataDir: string | null): Promise<PGlite> {
  return PGlite.create({ dataDir: dataDir ?? undefined, extensions: { pg_trgm } });
}

/**
 * PGlite's adapter runs scripts without awaiting them, so a failing migration would go
 * unnoticed; and its shadow database lacks pg_trgm. Both are mended here.
 */
class PgliteAdapterFactory extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(pglite);
  }

  override async connect(): Promise<SqlDriverAdapter> {
    return withAwaitedScripts(await super.connect(), this.pglite);
  }

  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await createPglite(null);
    const adapter = withAwaitedScripts(await new PrismaPGlite(shadow).connect(), shadow);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadow.close();
    };
    return adapter;
  }
}

function withAwaitedScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await pglite.exec(script);
  };
  return adapter;
}

export async function openAdapter(target: DatabaseTarget): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    const factory = new PrismaPg({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return { factory, close: async () => {} };
  }
  if (target.dataDir === null) {
    const pglite = await createPglite(null);
    return { factory: new PgliteAdapterFactory(pglite), close: () => pglite.close() };
  }
  const release = lockDataDir(target.dataDir);
  try {
    const pglite = await createPglite(join(target.dataDir, 'pglite'));
    return {
      factory: new PgliteAdapterFactory(pglite),
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
