import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { APP_PORT, APP_URL, E2E_SHOPPER_TOKEN_SECRET, E2E_STAFF, STOREFRONT_PORT, STOREFRONT_URL } from './e2e/support';

// Every run starts the app on a new, empty embedded database, as a fresh checkout would.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'shop-e2e-'));

// The console tests' staff account gets a new random password every run, in a file the tests read.
// Set here in the runner, the variable reaches the test workers, which must not make another.
process.env.E2E_STAFF_PASSWORD_FILE ??= writeStaffPasswordFile();

function writeStaffPasswordFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'shop-e2e-staff-')), 'password');
  writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return file;
}

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: APP_URL,
    // A click or fill that cannot happen fails with its reason instead of running into the test timeout.
    actionTimeout: 15_000,
    // Debian's Chromium: nothing is downloaded.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  webServer: [
    {
      // npm run build also builds the loader (public/widget.js). The staff account is created on the
      // fresh database before the server opens it (PGlite allows one process at a time).
      command: [
        'npm run build',
        `npm run staff:add -- --email ${E2E_STAFF.email} --name "${E2E_STAFF.name}" --role admin --password-stdin < ${process.env.E2E_STAFF_PASSWORD_FILE}`,
        `npx next start -p ${APP_PORT} -H 127.0.0.1`,
      ].join(' && '),
      url: `${APP_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      // No API key: the built-in engine answers, as on a fresh checkout.
      env: {
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: '',
        OPENAI_API_KEY: '',
        SHOPPER_TOKEN_SECRET: E2E_SHOPPER_TOKEN_SECRET,
        WIDGET_ALLOWED_ORIGINS: STOREFRONT_URL,
        // Every test shopper comes from 127.0.0.1: the per-address limit would otherwise pace the suite.
        CHAT_RATE_LIMIT_BURST: '500',
      },
    },
    {
      command: 'npx tsx demo/storefront.ts',
      url: STOREFRONT_URL,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        DEMO_PORT: String(STOREFRONT_PORT),
        DEMO_HOST: '127.0.0.1',
        APP_URL,
        SHOPPER_TOKEN_SECRET: E2E_SHOPPER_TOKEN_SECRET,
      },
    },
  ],
});
