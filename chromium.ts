/**
 * The Chromium every browser run uses, in one place: `playwright.config.ts` (the e2e suite) and
 * `bench/browser-harness.ts` (the browser benches) launch the system's Chromium with the same flags.
 */
import { execSync } from 'node:child_process';

/** The system's Chromium (Debian's package; `.ci/run` installs it). Playwright's own download is not used. */
export function findChromium(): string {
  try {
    return execSync('which chromium', { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('No `chromium` on PATH. Install it (Debian: apt-get install -y chromium) or run .ci/run.');
  }
}

/**
 * Headless, and no phoning home: without the background-networking flags Chromium calls out at start, which
 * this sandbox refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
