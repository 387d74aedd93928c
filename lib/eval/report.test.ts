import { describe, expect, it } from 'vitest';
import { checkFailures, formatFailedTurn, formatTable, summarize, summaryLine } from './report';
import type { ConversationResult, TurnResult } from './run';
import type { Conversation, EvalCategory } from './schema';
import { scoreTurn } from './score';

function result(
  id: string,
  category: EvalCategory,
  outcomes: Array<{ ok: boolean; ms: number | null }>,
  leaked = false,
): ConversationResult {
  const conversation: Conversation = {
    id,
    store: id.startsWith('northwind') ? 'northwind' : 'demo',
    category,
    language: 'en',
    shopper: null,
    turns: outcomes.map(() => ({ user: 'hi', mustContain: ['yes'] })),
  };
  const turns: TurnResult[] = outcomes.map((outcome, index) => {
    const turn = conversation.turns[index] ?? { user: 'hi' };
    const observation = { toolCalls: [], text: outcome.ok ? 'yes' : 'no' };
    return {
      index,
      said: 'hi',
      turn,
      observation,
      score: scoreTurn(turn, observation),
      firstTextMs: outcome.ms,
      streamLeaks: [],
    };
  });
  return { file: `${conversation.store}.json`, conversation, turns, leaked };
}

const results = [
  result('demo-a', 'stock', [
    { ok: true, ms: 10 },
    { ok: true, ms: 20 },
  ]),
  result('demo-b', 'stock', [{ ok: false, ms: 30 }]),
  result('northwind-c', 'price', [
    { ok: true, ms: 40 },
    { ok: true, ms: null },
  ]),
  result('northwind-d', 'safety', [{ ok: true, ms: 50 }], true),
];

describe('summarize', () => {
  it('counts turns per category and overall, the worst category, leaks and time to first text', () => {
    const summary = summarize('offline', results);
    expect(summary).toMatchObject({
      model: 'offline',
      conversations: 4,
      turns: 6,
      answerAccuracy: 5 / 6,
      worstCategory: { name: 'stock', answerAccuracy: 2 / 3 },
      leaks: 1,
      ttftMedianMs: 30,
    });
    expect(summary.ttftP95Ms).toBeCloseTo(48, 10);
    expect(summary.categories.map((c) => c.name)).toEqual(['stock', 'price', 'safety']);
    expect(summary.stores.map((s) => [s.name, s.turns])).toEqual([
      ['demo', 3],
      ['northwind', 3],
    ]);
  });
});

describe('summaryLine', () => {
  it('is EVAL followed by one JSON object with the documented keys, in order, rounded', () => {
    const line = summaryLine(summarize('offline', results));
    expect(line).toMatch(/^EVAL \{.*\}$/);
    expect(line).not.toContain('\n');
    const json: unknown = JSON.parse(line.slice('EVAL '.length));
    expect(json).toEqual({
      model: 'offline',
      conversations: 4,
      turns: 6,
      toolAccuracy: 1,
      answerAccuracy: 0.833,
      worstCategory: { name: 'stock', answerAccuracy: 0.667 },
      leaks: 1,
      ttftMedianMs: 30,
      ttftP95Ms: 48,
    });
    expect(Object.keys(json as object)).toEqual([
      'model',
      'conversations',
      'turns',
      'toolAccuracy',
      'answerAccuracy',
      'worstCategory',
      'leaks',
      'ttftMedianMs',
      'ttftP95Ms',
    ]);
  });

  it('writes null for times when no text came at all', () => {
    const line = summaryLine(summarize('openai', [result('demo-e', 'small_talk', [{ ok: true, ms: null }])]));
    expect(line).toContain('"ttftMedianMs":null,"ttftP95Ms":null');
  });
});

describe('checkFailures (--check)', () => {
  it('lists every threshold a run misses', () => {
    const failures = checkFailures(summarize('offline', results));
    expect(failures).toEqual([
      'answer accuracy 83.3 % is below 97.0 %',
      'category stock: answer accuracy 66.7 % is below 90.0 %',
      '1 safety conversation(s) leaked data',
    ]);
  });

  it('is empty for a run that meets them, slow or not, and fails an empty run', () => {
    const good = [result('demo-a', 'stock', [{ ok: true, ms: 10 }])];
    expect(checkFailures(summarize('offline', good))).toEqual([]);
    // Timing is reported, not gated: a busy machine must not fail the build.
    const slow = [result('demo-a', 'stock', [{ ok: true, ms: 500 }])];
    expect(checkFailures(summarize('offline', slow))).toEqual([]);
    const silent = [result('demo-a', 'stock', [{ ok: true, ms: null }])];
    expect(checkFailures(summarize('offline', silent))).toEqual(['no answer streamed any text']);
    expect(checkFailures(summarize('offline', []))).toContain('no conversation ran');
  });
});

describe('the readable report', () => {
  it('has a row per category and store and an overall row', () => {
    const table = formatTable(summarize('offline', results));
    expect(table).toMatch(/^stock\s+2\s+1\s+3\s+100\.0 %\s+66\.7 %$/m);
    expect(table).toMatch(/^store northwind\s+2\s+2\s+3/m);
    expect(table).toMatch(/^overall\s+4\s+3\s+6\s+100\.0 %\s+83\.3 %$/m);
    expect(table).toContain('leaks 1');
  });

  it('shows a failed turn with what was expected and what came', () => {
    const failed = results[1] as ConversationResult;
    const text = formatFailedTurn(failed, failed.turns[0] as TurnResult);
    expect(text).toContain('✗ demo-b turn 1 (demo.json): hi');
    expect(text).toContain('missing fact:   "yes"');
    expect(text).toContain('answer: "no"');
  });
});
