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
 * this sandbox refuses. Without the omnibox popup's WebUI: Chromium 156 loads it (chrome://omnibox-popup) in a
 * renderer of its own at every launch, ~1.5–1.8 s of CPU in the first 2 s (a trace of a launch), beside the page
 * under test on a 2-core machine; a user's browser did that long before they opened the studio. Measured side by
 * side (8 warm starts each, load 4–5): Python ready 979 vs 1,336 ms, the editor typable 439 vs 592 ms.
 * `WebUIOmniboxPopup` alone left the AI-mode popup's renderer; unknown feature names are ignored.
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
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,OmniboxAimPopupWebUI',
];
