import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvalDataError, loadConversations, parseConversationFile } from './load';

const valid = {
  id: 'demo-stock-zh-001',
  store: 'demo',
  category: 'stock',
  language: 'zh',
  shopper: null,
  turns: [{ user: '那款限量球鞋还有货吗?', expectTools: [{ name: 'checkInventory', input: { sku: 'X' } }], mustContain: ['23'] }],
};

function problemsOf(file: string, value: unknown): string[] {
  try {
    parseConversationFile(file, JSON.stringify(value));
  } catch (error) {
    if (error instanceof EvalDataError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('conversation files', () => {
  it('accepts one conversation or an array of them', () => {
    expect(parseConversationFile('a.json', JSON.stringify(valid))).toHaveLength(1);
    expect(parseConversationFile('a.json', JSON.stringify([valid, { ...valid, id: 'demo-stock-zh-002' }]))).toHaveLength(2);
  });

  it('names the file and the path of a bad field', () => {
    const bad = { ...valid, turns: [{ ...valid.turns[0], expectTools: [{ name: 'checkStock' }] }] };
    expect(problemsOf('demo-stock.json', bad)).toEqual([
      expect.stringMatching(/^demo-stock\.json: turns\[0\]\.expectTools\[0\]\.name: must be one of searchProducts, /),
    ]);
  });

  it('explains a bad alternative of an anyOf entry', () => {
    const bad = { ...valid, turns: [{ user: 'where?', expectTools: [{ anyOf: [{ name: 'getOrder' }, { name: 'track' }] }] }] };
    expect(problemsOf('x.json', bad)).toEqual([
      expect.stringMatching(/^x\.json: turns\[0\]\.expectTools\[0\]\.anyOf\[1\]\.name: must be one of /),
    ]);
    const single = { ...valid, turns: [{ user: 'where?', expectTools: [{ anyOf: [{ name: 'getOrder' }] }] }] };
    expect(problemsOf('x.json', single)).toEqual(['x.json: turns[0].expectTools[0].anyOf: needs at least two alternatives']);
  });

  it('reports a misspelt check as an unknown field instead of skipping it', () => {
    const bad = { ...valid, turns: [{ user: 'hi', mustContains: ['x'] }] };
    expect(problemsOf('x.json', bad)).toEqual(['x.json: turns[0].mustContains: unknown field']);
  });

  it('explains a confirmation turn by its own rules', () => {
    const bad = { ...valid, turns: [valid.turns[0], { approve: 'yes' }] };
    expect(problemsOf('x.json', bad)).toEqual(['x.json: turns[1].approve: must be true or false']);
  });

  it('points into the array element that is wrong', () => {
    const problems = problemsOf('x.json', [valid, { ...valid, id: 'demo-2', category: 'weather' }]);
    expect(problems).toEqual([expect.stringMatching(/^x\.json: \[1\]\.category: must be one of stock, price, /)]);
  });

  it('rejects a conversation that starts with a confirmation, empty facts and broken JSON', () => {
    expect(problemsOf('x.json', { ...valid, turns: [{ approve: true }] })).toEqual([
      'x.json: turns[0]: the first turn cannot answer a confirmation',
    ]);
    expect(problemsOf('x.json', { ...valid, turns: [{ user: 'hi', mustContain: [[]] }] })).toEqual([
      'x.json: turns[0].mustContain[0]: needs at least one alternative',
    ]);
    expect(() => parseConversationFile('x.json', '{ "id": ')).toThrow(
      /^The evaluation set has 1 problem:\nx\.json: not valid JSON/,
    );
  });

  it('collects problems from every file of a directory and refuses duplicate ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-load-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(valid));
    writeFileSync(join(dir, 'b.json'), JSON.stringify([valid, { ...valid, id: 'demo-x', store: 'shop' }]));
    writeFileSync(join(dir, 'notes.txt'), 'not a conversation');
    let problems: string[] = [];
    try {
      loadConversations(dir);
    } catch (error) {
      if (!(error instanceof EvalDataError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual(['b.json: [1].store: must be one of demo, northwind']);

    writeFileSync(join(dir, 'b.json'), JSON.stringify([valid]));
    expect(() => loadConversations(dir)).toThrow('b.json: duplicate conversation id "demo-stock-zh-001" (also in a.json)');
  });
});
