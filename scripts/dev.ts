/**
 * npm run dev: the app (next dev, extra arguments passed through) and the demo storefront that embeds
 * its chat from another origin, side by side. Fills in what a first run lacks so the embedding and
 * signed-in shoppers work at once: a random SHOPPER_TOKEN_SECRET both share, and the storefront's
 * origins in WIDGET_ALLOWED_ORIGINS. Ctrl-C stops both; if the app exits, so does the storefront.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { launchStorefront } from '../demo/env';
import { embedPolicyFromEnv, isAllowedEmbedOrigin } from '../lib/embed/origins';

// next dev reads these files itself; reading them first (without overriding the shell, as Next does)
// means a secret or origin list kept there is the one both processes use, not replaced by ours.
for (const file of ['.env.development.local', '.env.local', '.env.development', '.env']) {
  if (existsSync(file)) process.loadEnvFile(file);
}

const portSchema = z.coerce.number().int().min(1).max(65535);

async function main(): Promise<void> {
  const nextArgs = process.argv.slice(2);
  const { values } = parseArgs({
    args: nextArgs,
    options: { port: { type: 'string', short: 'p' } },
    strict: false,
    allowPositionals: true,
  });
  const requestedPort = typeof values.port === 'string' ? values.port : process.env.PORT || '3000';
  const port = portSchema.safeParse(requestedPort);
  if (!port.success)
    throw new Error(`PORT (or --port) must be a port number from 1 to 65535, not ${JSON.stringify(requestedPort)}.`);

  const secret = process.env.SHOPPER_TOKEN_SECRET || randomBytes(32).toString('base64url');
  const storefront = await launchStorefront({
    ...process.env,
    APP_URL: process.env.APP_URL || `http://localhost:${port.data}`,
    SHOPPER_TOKEN_SECRET: secret,
  });
  if (!process.env.SHOPPER_TOKEN_SECRET) {
    console.log('  SHOPPER_TOKEN_SECRET is not set: the app and the storefront share a random one for this run.');
  }

  const storefrontUrl = new URL(storefront.url);
  const origins = [
    ...new Set([storefrontUrl.origin, `http://localhost:${storefrontUrl.port}`, `http://127.0.0.1:${storefrontUrl.port}`]),
  ];
  const allowedOrigins = process.env.WIDGET_ALLOWED_ORIGINS || origins.join(' ');
  if (!isAllowedEmbedOrigin(embedPolicyFromEnv(allowedOrigins), storefrontUrl.origin)) {
    console.warn(`  WIDGET_ALLOWED_ORIGINS does not include ${storefrontUrl.origin}: the app will refuse the storefront's chat.`);
  }

  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const app = spawn(process.execPath, [nextBin, 'dev', ...nextArgs], {
    stdio: 'inherit',
    env: { ...process.env, PORT: String(port.data), SHOPPER_TOKEN_SECRET: secret, WIDGET_ALLOWED_ORIGINS: allowedOrigins },
  });

  const stopApp = (signal: NodeJS.Signals) => {
    if (app.exitCode === null && app.signalCode === null) app.kill(signal);
  };
  process.on('SIGINT', () => stopApp('SIGINT'));
  process.on('SIGTERM', () => stopApp('SIGTERM'));
  // Should this process die some other way, next dev must not be left running on its own.
  process.on('exit', () => stopApp('SIGTERM'));

  app.on('exit', (code, signal) => {
    void storefront.close().finally(() => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
