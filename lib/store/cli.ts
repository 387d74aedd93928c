import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openAdapter } from '@/lib/db/adapter';
import { openDatabase } from '@/lib/db/client';
import { applyMigrations, createMigration, resetDatabase } from '@/lib/db/migrate';
import { type DatabaseTarget, describeTarget, targetFromEnv } from '@/lib/db/target';
import { generateDemoStore } from './demo';
import { exportStore } from './export';
import { importStore, StoreImportError } from './import';
import { seedLargeStore } from './large';

/**
 * The `npm run db:*` commands (scripts/db.ts is a thin wrapper). Every command picks the database
 * from DATABASE_URL / DATA_DIR and closes it before returning: PGlite locks its data directory.
 */

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: tsx scripts/db.ts <command>
  migrate                       apply pending migrations
  create-migration <name>       write a migration for changes to prisma/schema.prisma
  reset                         drop everything and re-apply all migrations
  seed [--scale demo|large]     load the demo store (large: + bulk data; --products, --orders, --customers, --seed)
  import <store.json>           load a store file into an empty database
  export [out.json]             write the store as JSON (stdout without a path)`;

export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

/** Runs one command; returns the process exit code. */
export async function runDbCli(argv: readonly string[], io: CliIo = consoleIo, target?: DatabaseTarget): Promise<number> {
  const [command, ...args] = argv;
  try {
    const resolved = target ?? targetFromEnv();
    switch (command) {
      case 'migrate':
        return await migrate(resolved, io);
      case 'create-migration':
        return await newMigration(resolved, args, io);
      case 'reset':
        return await reset(resolved, io);
      case 'seed':
        return await seed(resolved, args, io);
      case 'import':
        return await importFile(resolved, args, io);
      case 'export':
        return await exportFile(resolved, args, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof StoreImportError) {
      io.err(`Import failed, nothing was written. ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}:`);
      for (const issue of error.issues) io.err(issue);
      return 1;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) io.err(USAGE);
    return 1;
  }
}

async function withAdapter<T>(target: DatabaseTarget, run: (adapter: Awaited<ReturnType<typeof openAdapter>>) => Promise<T>) {
  const adapter = await openAdapter(target);
  try {
    return await run(adapter);
  } finally {
    await adapter.close();
  }
}

async function withDatabase<T>(
  target: DatabaseTarget,
  io: CliIo,
  run: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
) {
  const db = await openDatabase(target);
  if (db.appliedMigrations.length) io.err(`Applied migrations: ${db.appliedMigrations.join(', ')}`);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

async function migrate(target: DatabaseTarget, io: CliIo): Promise<number> {
  const applied = await withAdapter(target, (adapter) => adapter.withMigrationConnection(applyMigrations));
  io.out(
    applied.length
      ? `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${describeTarget(target)}:\n${applied.map((name) => `  ${name}`).join('\n')}`
      : `${describeTarget(target)} is up to date: no pending migrations.`,
  );
  return 0;
}

async function newMigration(target: DatabaseTarget, args: readonly string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UsageError('create-migration needs a name, e.g. `npm run db:migration -- add_coupon_notes`.');
  const dir = await withAdapter(target, (adapter) =>
    adapter.withMigrationConnection((factory) => createMigration(factory, name)),
  );
  io.out(dir ? `Created ${dir}` : 'Schema unchanged: prisma/schema.prisma matches the migrations, nothing to create.');
  return 0;
}

async function reset(target: DatabaseTarget, io: CliIo): Promise<number> {
  const applied = await withAdapter(target, (adapter) => adapter.withMigrationConnection(resetDatabase));
  io.out(
    `Reset ${describeTarget(target)}: dropped everything and re-applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
  return 0;
}

function summaryLines(summary: Record<string, number>): string {
  return Object.entries(summary)
    .map(([key, value]) => `  ${key}: ${value}`)
    .join('\n');
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isSafeInteger(number) || number < 0) throw new UsageError(`--${flag} must be a whole number, got "${value}".`);
  return number;
}

async function seed(target: DatabaseTarget, args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      scale: { type: 'string', default: 'demo' },
      products: { type: 'string' },
      orders: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  if (values.scale !== 'demo' && values.scale !== 'large')
    throw new UsageError(`--scale is demo or large, got "${values.scale}".`);
  const options = {
    seed: positiveInt(values.seed, 'seed'),
    products: positiveInt(values.products, 'products'),
    orders: positiveInt(values.orders, 'orders'),
    customers: positiveInt(values.customers, 'customers'),
  };
  return withDatabase(target, io, async (db) => {
    if (values.scale === 'demo') {
      const { milliseconds, ...summary } = await importStore(db.prisma, generateDemoStore(options));
      io.out(
        `Loaded the demo store into ${describeTarget(target)} in ${(milliseconds / 1000).toFixed(2)} s:\n${summaryLines(summary)}`,
      );
      return 0;
    }
    const result = await seedLargeStore(db.prisma, { ...options, onProgress: (message) => io.out(message) });
    const { milliseconds: _ms, ...demo } = result.demo;
    io.out(`Loaded the large store into ${describeTarget(target)} in ${result.seconds.total.toFixed(1)} s.`);
    io.out(`Demo store:\n${summaryLines(demo)}`);
    io.out(`Added in bulk:\n${summaryLines(result.added)}`);
    io.out(
      `Seconds: demo ${result.seconds.demo.toFixed(1)}, products ${result.seconds.products.toFixed(1)}, customers ${result.seconds.customers.toFixed(1)}, orders ${result.seconds.orders.toFixed(1)}`,
    );
    return 0;
  });
}

async function importFile(target: DatabaseTarget, args: readonly string[], io: CliIo): Promise<number> {
  const path = args[0];
  if (!path) throw new UsageError('import needs a file, e.g. `npm run db:import -- store.json`.');
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return withDatabase(target, io, async (db) => {
    const { milliseconds, ...summary } = await importStore(db.prisma, input);
    io.out(`Imported ${path} into ${describeTarget(target)} in ${(milliseconds / 1000).toFixed(2)} s:\n${summaryLines(summary)}`);
    return 0;
  });
}

async function exportFile(target: DatabaseTarget, args: readonly string[], io: CliIo): Promise<number> {
  const path = args[0];
  return withDatabase(target, io, async (db) => {
    const file = await exportStore(db.prisma);
    const json = `${JSON.stringify(file, null, 2)}\n`;
    if (!path || path === '-') {
      process.stdout.write(json);
    } else {
      writeFileSync(path, json);
      io.out(
        `Exported ${file.products.length} products, ${file.customers?.length ?? 0} customers and ${file.orders?.length ?? 0} orders to ${path}`,
      );
    }
    return 0;
  });
}
