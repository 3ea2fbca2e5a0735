import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The dev-server smoke tests (`e2e/dev/`): the README's own path, `npm run dev`, with React's StrictMode running
 * every effect twice. Starts `vite` (not `vite preview`) on its own port, `DEV_PORT` (default 5174), so it can
 * run beside the production-build tests; `npm run test:e2e` runs both configs.
 */
const PORT = Number(process.env.DEV_PORT ?? 5174);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  ...base,
  testDir: 'e2e/dev',
  testIgnore: [],
  use: { ...base.use, baseURL: BASE_URL },
  webServer: {
    command: `./node_modules/.bin/vite --port ${PORT} --strictPort --host 127.0.0.1`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
