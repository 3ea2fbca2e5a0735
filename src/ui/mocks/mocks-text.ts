/**
 * The mocks text of a file (docs/mocks.md) as the studio edits it: checking it before a run, and adding the
 * prefilled rule "Mock this request" writes for a blocked request.
 */
import type { Mocks } from '../../engine';
import { formatMocksProblems, parseMocksText } from '../../export';

/** The mocks to load with a file, or the failure to show before the run (one line per bad rule). */
export function mocksToLoad(
  fileName: string,
  text: string | undefined,
): { ok: true; mocks: Mocks | undefined } | { ok: false; title: string; message: string } {
  if (text === undefined || text.trim() === '') return { ok: true, mocks: undefined };
  const parsed = parseMocksText(text);
  if (parsed.ok) return { ok: true, mocks: parsed.mocks };
  const lines = formatMocksProblems(parsed.problems);
  return {
    ok: false,
    title: `The mocks of ${fileName} have ${lines.length === 1 ? 'a problem' : `${lines.length} problems`}`,
    message: `${lines.join('\n')}\nFix them in the Mocks panel, or empty it to run without mocks.`,
  };
}

/** An empty mocks document, as the panel starts one. */
export const EMPTY_MOCKS_TEXT = '{\n  "http": [],\n  "steps": {},\n  "events": []\n}\n';

/**
 * `text` with an HTTP rule for `method` `url` added at the end of `http` (status 200, an empty JSON body), the
 * rule "Mock this request" makes. Text that is not a JSON object cannot take it without losing what the user
 * wrote: the result is then `undefined` and the caller says why.
 */
export function addHttpMock(text: string | undefined, method: string, url: string): string | undefined {
  let document: Record<string, unknown> = { http: [], steps: {}, events: [] };
  if (text !== undefined && text.trim() !== '') {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      document = value as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const http = Array.isArray(document.http) ? document.http : [];
  const rule = { method, url, status: 200, json: {} };
  return `${JSON.stringify({ ...document, http: [...http, rule] }, null, 2)}\n`;
}
