import { resolve } from 'node:path';

/** Where the store's data lives: an embedded PGlite directory (the default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir null = in memory, gone when the process ends (tests). */
  | { kind: 'pglite'; dataDir: string | null };

export type DatabaseKind = DatabaseTarget['kind'];

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for the embedded database).');
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: resolve(/* turbopackIgnore: true */ env.DATA_DIR?.trim() || '.data') };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'embedded PGlite in memory';
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
