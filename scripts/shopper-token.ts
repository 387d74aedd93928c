// Prints a shopper token for local testing: tsx scripts/shopper-token.ts <customerId> [--ttl seconds]
// Reads SHOPPER_TOKEN_SECRET from the environment; the token goes to stdout alone so it can be piped.
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, signShopperToken } from '../lib/auth/shopper-token';

const USAGE = `Usage: tsx scripts/shopper-token.ts <customerId> [--ttl seconds]
  Prints an HS256 shopper token signed with SHOPPER_TOKEN_SECRET.
  --ttl  lifetime in seconds, 1 to ${MAX_TOKEN_LIFETIME_SECONDS} (default ${DEFAULT_TOKEN_LIFETIME_SECONDS})`;

function fail(message: string): never {
  console.error(`shopper-token: ${message}\n\n${USAGE}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [customerId, ...extra] = positionals;
  if (customerId === undefined || customerId.trim() === '') fail('missing <customerId>.');
  if (extra.length > 0) fail(`unexpected arguments: ${extra.join(' ')}`);

  let ttl = DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (values.ttl !== undefined) {
    ttl = /^\d+$/.test(values.ttl) ? Number(values.ttl) : Number.NaN;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_LIFETIME_SECONDS) {
      fail(`--ttl must be a whole number of seconds from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}, got ${JSON.stringify(values.ttl)}.`);
    }
  }

  const secret = process.env.SHOPPER_TOKEN_SECRET;
  if (!secret) fail('SHOPPER_TOKEN_SECRET is not set; export the same secret the shop uses.');

  try {
    console.log(await signShopperToken(customerId, secret, { expiresInSeconds: ttl }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    options: { ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
}

await main();
