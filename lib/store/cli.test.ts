import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, type ScriptResult } from '@/tests/support/run-script';
import { jsonCopy, setPath, smallStore } from '@/tests/support/store-files';

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'store-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs scripts/db.ts as `npm run db:*` would, on an embedded database in dataDir. */
function runCli(args: string[], dataDir: string): Promise<ScriptResult> {
  return runScript('db.ts', args, dataDir);
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/db.ts', () => {
  it('import of a bad file exits 1, prints every path on stderr and writes nothing', async () => {
    const dir = tempDir();
    const file = jsonCopy(smallStore());
    setPath(file, ['products', 0, 'price'], 1299);
    setPath(file, ['orders', 12, 'items', 0, 'sku'], 'X');
    setPath(file, ['customers', 1, 'nickname'], 'Wei');
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(file));

    const result = await runCli(['import', path], join(dir, 'data'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain('products[0].price: must be a decimal string like "1299.00", not the JSON number 1299');
    expect(result.stderr).toContain('orders[12].items[0].sku: unknown SKU "X"');
    expect(result.stderr).toContain('customers[1].nickname: unknown field');

    // The same database then takes a good file, and exports it.
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(smallStore()));
    const imported = await runCli(['import', good], join(dir, 'data'));
    expect(imported.stderr).not.toMatch(/Error/);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/orders: 40/);

    const again = await runCli(['import', good], join(dir, 'data'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/npm run db:reset/);

    const out = join(dir, 'out.json');
    const exported = await runCli(['export', out], join(dir, 'data'));
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).orders).toHaveLength(40);
  });

  it('fails clearly on unknown commands and unreadable files', async () => {
    const dir = tempDir();
    const unknown = await runCli(['frobnicate'], join(dir, 'data'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const missing = await runCli(['import', join(dir, 'nope.json')], join(dir, 'data'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.json/);
  });
});
