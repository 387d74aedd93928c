import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { lockDataDir } from './data-dir-lock';
import type { DatabaseTarget } from './target';

/** A driver adapter factory for the target, and how to let go of what it opened. */
export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs the schema engine over one connection of its own. Its advisory lock belongs to a session:
   * through the pool, lock and unlock could land on different connections, and the lock would stay
   * held by an idle one, so the next instance to start would time out waiting for it.
   */
  withMigrationConnection<T>(run: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Trigram search needs pg_trgm; PGlite ships it as a WASM extension to load at start. */
export async function createPglite(dataDir: string | null): Promise<PGlite> {
  return PGlite.create({ dataDir: dataDir ?? undefined, extensions: { pg_trgm } });
}

/**
 * Migration scripts run whole, as one multi-statement query, like Prisma's native engine does:
 * PGlite's adapter would not await them (a failing migration went unnoticed) and PostgreSQL's
 * splits them at every ';', even inside a function body.
 */
function withWholeScripts(adapter: SqlDriverAdapter, run: (script: string) => Promise<unknown>): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    await run(script);
  };
  return adapter;
}

/** Replays the migration history for `db:migration` in memory: no CREATE DATABASE right needed. */
async function connectToPgliteShadow(): Promise<SqlDriverAdapter> {
  const shadow = await createPglite(null);
  const adapter = withWholeScripts(await new PrismaPGlite(shadow).connect(), (script) => shadow.exec(script));
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await shadow.close();
  };
  return adapter;
}

function pgliteFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPGlite(pglite);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(await inner.connect(), (script) => pglite.exec(script)),
    connectToShadowDb: connectToPgliteShadow,
  };
}

function postgresFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(await inner.connect(), (script) => pool.query(script)),
    connectToShadowDb: connectToPgliteShadow,
  };
}

export async function openAdapter(target: DatabaseTarget): Promise<OpenedAdapter> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return {
      factory: postgresFactory(pool),
      withMigrationConnection: async (run) => {
        const single = new pg.Pool({ connectionString: target.url, max: 1 });
        try {
          return await run(postgresFactory(single));
        } finally {
          await single.end();
        }
      },
      close: () => pool.end(),
    };
  }
  // PGlite is one connection already.
  if (target.dataDir === null) {
    const pglite = await createPglite(null);
    const factory = pgliteFactory(pglite);
    return { factory, withMigrationConnection: (run) => run(factory), close: () => pglite.close() };
  }
  const release = lockDataDir(target.dataDir);
  try {
    const pglite = await createPglite(join(target.dataDir, 'pglite'));
    const factory = pgliteFactory(pglite);
    return {
      factory,
      withMigrationConnection: (run) => run(factory),
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
