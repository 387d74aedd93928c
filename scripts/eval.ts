// `npm run eval`: plays the evaluation conversations (eval/) against the chat handler and scores them.
import { parseArgs } from 'node:util';
import { checkFailures, failedTurns, formatFailedTurn, formatTable, summarize, summaryLine } from '../lib/eval/report';
import { type EvalModel, runEval } from '../lib/eval/run';
import { EVAL_STORES, type EvalStore } from '../lib/eval/schema';

const USAGE = `Usage: npm run eval [-- --model offline|openai] [--store demo|northwind] [--only <id-prefix>] [--verbose] [--check]
  --model    offline (default): the built-in engine; openai: OPENAI_API_KEY / OPENAI_MODEL / OPENAI_BASE_URL
  --store    run one store's conversations only
  --only     run conversations whose id starts with this
  --verbose  print every failed turn, expected against got
  --check    exit 1 unless answers ≥ 97 %, every category ≥ 90 %, no leaks and median time to first text < 50 ms`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'offline' },
      store: { type: 'string' },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.model !== 'offline' && values.model !== 'openai')
    throw new Error(`--model is offline or openai, got "${values.model}".`);
  if (values.store !== undefined && !(EVAL_STORES as readonly string[]).includes(values.store))
    throw new Error(`--store is ${EVAL_STORES.join(' or ')}, got "${values.store}".`);
  const model: EvalModel = values.model;
  const stores = values.store === undefined ? undefined : [values.store as EvalStore];

  const results = await runEval({
    model,
    ...(stores && { stores }),
    ...(values.only && { only: values.only }),
    log: (line) => console.log(line),
  });
  const summary = summarize(model, results);
  if (values.verbose) {
    const failed = failedTurns(results);
    console.log(failed.length ? `\n${failed.length} failed turn(s):` : '\nNo failed turns.');
    for (const [result, turn] of failed) console.log(formatFailedTurn(result, turn));
  }
  console.log(`\n${formatTable(summary)}\n`);
  const failures = values.check ? checkFailures(summary) : [];
  for (const failure of failures) console.log(`check failed: ${failure}`);
  console.log(summaryLine(summary));
  return failures.length > 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
}
// The WASM schema engine leaves a timer behind after migrating: exit once stdout has drained.
process.stdout.write('', () => process.exit(code));
