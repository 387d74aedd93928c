import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/passwords';
import { openDatabase } from '@/lib/db/client';
import { runScript, type ScriptResult } from '@/tests/support/run-script';

const dataDir = join(mkdtempSync(join(tmpdir(), 'staff-cli-')), 'data');

afterAll(() => {
  rmSync(resolve(dataDir, '..'), { recursive: true, force: true });
});

/** Runs scripts/staff.ts as `npm run staff:add` would, on an embedded database, with `stdin` piped in. */
function staffAdd(args: string[], stdin = ''): Promise<ScriptResult> {
  return runScript('staff.ts', ['add', ...args], dataDir, stdin);
}

async function storedAccounts() {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await db.prisma.staffUser.findMany({ orderBy: { createdAt: 'asc' } });
  } finally {
    await db.close();
  }
}

describe('npm run staff:add', () => {
  it('creates an account with a password from stdin, or a generated one printed once, and refuses a duplicate email', async () => {
    const fromStdin = await staffAdd(
      ['--email', 'Ops.Lead@Shop.Example', '--name', 'Ops Lead', '--role', 'admin', '--password-stdin'],
      'a long enough secret\n',
    );
    expect(fromStdin.stderr).not.toMatch(/Error/);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toContain('Created admin account ops.lead@shop.example (Ops Lead)');
    expect(fromStdin.stdout).not.toContain('a long enough secret');

    const generated = await staffAdd(['--email', 'helper@shop.example']);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toContain('Created agent account helper@shop.example (helper)');
    const password = /Password \(shown only this once\): (\S+)/.exec(generated.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(24);

    const duplicate = await staffAdd(['--email', 'OPS.LEAD@shop.example', '--password-stdin'], 'another long secret\n');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A staff account for ops.lead@shop.example already exists.');

    const [lead, helper, ...others] = await storedAccounts();
    expect(others).toEqual([]);
    expect(lead).toMatchObject({ email: 'ops.lead@shop.example', name: 'Ops Lead', role: 'admin', disabledAt: null });
    expect(lead?.passwordHash).toMatch(/^\$argon2id\$/);
    // The trailing newline of the piped input is not part of the password.
    expect(await verifyPassword(lead?.passwordHash ?? '', 'a long enough secret')).toBe(true);
    expect(helper).toMatchObject({ email: 'helper@shop.example', role: 'agent' });
    expect(await verifyPassword(helper?.passwordHash ?? '', password)).toBe(true);
  });

  it('exits 1 naming the problem for bad input, and creates nothing', async () => {
    const cases: [string[], string, RegExp][] = [
      [[], '', /--email is required/],
      [['--email', 'not-an-email'], '', /email must be an email address/],
      [['--email', 'x@shop.example', '--role', 'owner'], '', /role must be admin or agent/],
      [['--email', 'x@shop.example', '--password-stdin'], 'too short\n', /password must be at least 12 characters/],
      [['--email', 'x@shop.example', '--admin'], '', /Unknown option '--admin'/],
    ];
    for (const [args, stdin, message] of cases) {
      const result = await staffAdd(args, stdin);
      expect([args, result.code]).toEqual([args, 1]);
      expect(result.stderr).toMatch(message);
    }
    expect((await storedAccounts()).map((account) => account.email)).not.toContain('x@shop.example');
  });
});
