import { parseArgs } from 'node:util';
import { openDatabase } from '@/lib/db/client';
import { type DatabaseTarget, describeTarget, targetFromEnv } from '@/lib/db/target';
import { type CliIo, consoleIo } from '@/lib/store/cli';
import { generatePassword } from './passwords';
import { createStaffUser, type NewStaffUser, parseNewStaffUser } from './staff-accounts';

/**
 * `npm run staff:add` (scripts/staff.ts is a thin wrapper): creates a staff account on the
 * database the app would use (DATABASE_URL, else the embedded one in DATA_DIR).
 */

const USAGE = `Usage: npm run staff:add -- --email <address> [--name "<name>"] [--role agent|admin] [--password-stdin]
  --email           the address they sign in with
  --name            shown in the console (default: the part of the email before @)
  --role            agent (default) or admin
  --password-stdin  read the password from standard input (at least 12 characters); without it a
                    strong password is generated and printed once`;

class UsageError extends Error {}

export interface StaffCliOptions {
  io?: CliIo;
  target?: DatabaseTarget;
  readStdin?: () => Promise<string>;
}

/** Runs one command; returns the process exit code. */
export async function runStaffCli(argv: readonly string[], options: StaffCliOptions = {}): Promise<number> {
  const { io = consoleIo, readStdin = readProcessStdin } = options;
  const [command, ...args] = argv;
  try {
    if (command !== 'add') throw new UsageError(command === undefined ? 'Missing command.' : `Unknown command "${command}".`);
    return await addStaffUser(args, io, readStdin, options.target ?? targetFromEnv());
  } catch (error) {
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) io.err(USAGE);
    return 1;
  }
}

async function addStaffUser(
  args: readonly string[],
  io: CliIo,
  readStdin: () => Promise<string>,
  target: DatabaseTarget,
): Promise<number> {
  const { values } = parseCommandLine(args);
  if (!values.email) throw new UsageError('--email is required.');
  const password = values['password-stdin'] ? withoutFinalNewline(await readStdin()) : null;
  const input: NewStaffUser = {
    email: values.email,
    name: values.name ?? values.email.trim().split('@')[0] ?? '',
    role: values.role ?? 'agent',
    password: password ?? generatePassword(),
  };
  // Bad input is reported before the database is opened (and, for PGlite, locked).
  parseNewStaffUser(input);

  const db = await openDatabase(target);
  try {
    if (db.appliedMigrations.length) io.err(`Applied migrations: ${db.appliedMigrations.join(', ')}`);
    const user = await createStaffUser(db.prisma, input);
    io.out(`Created ${user.role} account ${user.email} (${user.name}) on ${describeTarget(target)}.`);
    if (password === null) io.out(`Password (shown only this once): ${input.password}`);
    return 0;
  } finally {
    await db.close();
  }
}

function parseCommandLine(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `echo secret | …` and files end with a newline that is not part of the password. */
function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
