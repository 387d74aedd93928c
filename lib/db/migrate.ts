import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Migrations without Prisma's native schema engine (a download that fails offline): the same
 * engine compiled to WASM, driven through our driver adapters. It reads and writes the standard
 * prisma/migrations/<stamp>_<name>/migration.sql layout and the _prisma_migrations table.
 */
// npm scripts, tests and `next start` all run from the project root. process.cwd() (not
// import.meta) because inside the Next.js server bundle this module no longer sits in lib/db.
const PROJECT_ROOT = /* turbopackIgnore: true */ process.cwd();
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma/migrations');
const SCHEMA_PATH = join(PROJECT_ROOT, 'prisma/schema.prisma');
const NO_FILTER = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import('@prisma/schema-engine-wasm');
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package is built for bundlers (`import … from './x.wasm'`): we instantiate the WASM by hand,
 * and load the bindings at run time from node_modules, out of the bundler's sight.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(join(PROJECT_ROOT, 'package.json'));
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = (await import(
      /* turbopackIgnore: true */ /* webpackIgnore: true */ pathToFileURL(bindingsPath).href
    )) as EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = readFileSync(join(dirname(bindingsPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return engineModule;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = readFileSync(SCHEMA_PATH, 'utf8');
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } catch (error) {
    throw new Error(`Migration failed: ${engineErrorMessage(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

function engineErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = join(dir, 'migration_lock.toml');
  const names = existsSync(/* turbopackIgnore: true */ dir)
    ? readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => {
      const file = join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok', value: readFileSync(file, 'utf8') }
            : { tag: 'error', value: `${file} is missing` },
        },
      };
    }),
  };
}

/** Applies pending migrations; returns the names of those it applied. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(factory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrations(),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes the migration history to prisma/schema.prisma, or null when they agree.
 * The history is replayed on a throw-away shadow database (the adapter's connectToShadowDb).
 */
export async function pendingSchemaChanges(
  factory: SqlMigrationAwareDriverAdapterFactory,
  dir = MIGRATIONS_DIR,
): Promise<string | null> {
  return withEngine(factory, async (engine) => {
    const { stdout } = await engine.diff({
      from: { tag: 'migrations', ...readMigrations(dir) },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const script = stdout ?? '';
    return /^\s*[^-\s]/m.test(script) ? script : null; // only comments: nothing to migrate
  });
}

/** Writes the next migration directory for the schema changes; returns it, or null when there are none. */
export async function createMigration(factory: SqlMigrationAwareDriverAdapterFactory, name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error('A migration name is letters, digits and underscores, e.g. add_coupon_notes.');
  const lockPath = join(MIGRATIONS_DIR, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    mkdirSync(MIGRATIONS_DIR, { recursive: true });
    writeFileSync(lockPath, '# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  const script = await pendingSchemaChanges(factory);
  if (script === null) return null;
  const dir = join(MIGRATIONS_DIR, `${migrationStamp(new Date())}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), script);
  return dir;
}

/** Prisma's directory stamp: UTC YYYYMMDDHHMMSS. */
function migrationStamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/** Drops everything in the database, then re-applies every migration. */
export async function resetDatabase(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  await withEngine(factory, (engine) => engine.reset({ filter: NO_FILTER }));
  return applyMigrations(factory);
}
