import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';

const PORT = Number(process.env.PORT ?? 4173);
/** `E2E_DEV=1` runs the same tests against the dev server instead of the production build. */
const DEV = process.env.E2E_DEV === '1';
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  // The dev-server smoke tests start their own server (playwright.dev.config.ts).
  testIgnore: 'dev/**',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  // CI runs on a shared 2-core machine: one retry keeps a load spike from blocking a landing, and the list
  // reporter still names every test that needed it ("flaky"), so flakiness stays visible.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    colorScheme: 'light',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // Serves the test build (`vite build --mode test`, with window.__studio); `npm run test:e2e` builds it first.
    command: `./node_modules/.bin/vite ${DEV ? '' : 'preview '}--port ${PORT} --strictPort --host 127.0.0.1`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
