import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_SHOPPER_TOKEN_SECRET } from './e2e/support';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Every run starts the app on a new, empty embedded database, as a fresh checkout would.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'shop-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
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
  webServer: {
    command: `npx next build && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    timeout: 300_000,
    reuseExistingServer: false,
    // No API key: the built-in engine answers, as on a fresh checkout.
    env: {
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
      OPENAI_API_KEY: '',
      SHOPPER_TOKEN_SECRET: E2E_SHOPPER_TOKEN_SECRET,
    },
  },
});
