/**
 * `workers.fetch`, `js.fetch` and `pyodide.http.pyfetch` all pass the one network gate: with no origin allowed
 * (this runtime's gate, as the studio's), each request fails its step at once, naming method and URL. The allowed
 * side, against a local server, is in src/cli/allow-net.test.ts (`--allow-net`).
 */
import { describe, expect, it } from 'vitest';
import type { AttemptFailedEvent } from '../engine';
import { blockedMessage } from './network-gate';
import { HEADER, ofType, setupPythonRuntime } from './test-runtime';

const { runOnce } = setupPythonRuntime();
const HOW = (origin: string) => `Mock it with --mocks FILE, or allow it with --allow-net ${origin}.`;

const CALLS = {
  'workers.fetch': 'from workers import fetch\n            return (await fetch(URL, method="POST", body="{}")).status',
  'js.fetch':
    'from js import fetch, Object\n            from pyodide.ffi import to_js\n            return (await fetch(URL, to_js({"method": "POST"}, dict_converter=Object.fromEntries))).status',
  pyfetch: 'from pyodide.http import pyfetch\n            return (await pyfetch(URL, method="POST")).status',
};

describe('fetch from workflow code', () => {
  it.each(Object.entries(CALLS))(
    '%s: a blocked request fails its step at once, naming method and URL',
    async (_, call) => {
      const { view, journal } = await runOnce(`${HEADER}
URL = "https://api.example.com/v1/charges?order=A-17"

class Charge(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge")
        async def charge():
            ${call}

        return await charge()
`);
      const failed = ofType(journal, 'attempt-failed') as AttemptFailedEvent[];
      expect(failed).toHaveLength(1);
      expect(failed[0]?.error.name).toBe('NonRetryableError');
      expect(failed[0]?.error.message).toBe(
        blockedMessage('POST', 'https://api.example.com/v1/charges?order=A-17', 'https://api.example.com', HOW),
      );
      expect(view.status).toBe('errored');
      expect(view.error?.name).toBe('WorkflowFatalError');
    },
  );

  it('a refusal is an OSError in the step, as any failed request (pyfetch’s AbortError): the workflow may catch it', async () => {
    const { view } = await runOnce(`${HEADER}
from workers import fetch

class Fallback(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("lookup")
        async def lookup():
            try:
                return (await fetch("https://api.example.com/rates")).status
            except OSError as exc:  # pyfetch's AbortError, as for any request that fails
                return "offline: " + str(exc).split(":")[0]

        return await lookup()
`);
    expect(view.output).toBe('offline: fetch GET https');
  });
});
