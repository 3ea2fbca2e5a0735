/**
 * `run --mocks FILE`: the studio's mocks JSON answers the workflow's requests (a step fetching a JSON API
 * completes), without it the same step fails at once naming the URL, and a bad mocks file is bad input (exit 2)
 * with one line per bad rule.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, tempFolder, writeIn } from './test-io';

const FLOW = `from workers import WorkflowEntrypoint, fetch


class Rates(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("fetch rates", config={"retries": {"limit": 3, "delay": "2 seconds", "backoff": "constant"}})
        async def fetch_rates():
            response = await fetch("https://api.example.com/v1/rates?base=EUR")
            if not response.ok:
                raise ConnectionError(f"rates API answered {response.status}")
            return (await response.json())["usd"]

        @step.do("charge")
        async def charge():
            return "real charge"

        return {"usd": await fetch_rates(), "charge": await charge()}
`;

describe('run --mocks', () => {
  it('answers fetch and steps from the mocks file; without it the request fails at once; a bad file exits 2', async () => {
    const dir = tempFolder();
    const file = writeIn(dir, 'rates.py', FLOW);
    const mocks = writeIn(
      dir,
      'mocks.json',
      JSON.stringify({
        http: [{ label: 'rates API', url: 'https://api.example.com/v1/rates*', json: { usd: 1.08 }, failFirst: 2 }],
        steps: { charge: { value: 'mocked charge' } },
      }),
    );
    const bad = writeIn(
      dir,
      'bad.json',
      JSON.stringify({ http: [{ url: 'https://a.example/', status: 'ok' }, { json: 1 }] }),
    );
    const [mocked, unmocked, invalid, missing] = await Promise.all([
      runBin(['run', file, '--mocks', mocks]),
      runBin(['run', file]),
      runBin(['run', file, '--mocks', bad]),
      runBin(['run', file, '--mocks', join(dir, 'nope.json')]),
    ]);
    expect(mocked.stderr).toBe('');
    expect(mocked.exit).toBe(0);
    expect(mocked.stdout).toContain(
      'fetch rates  succeeded (3 attempts)\n    1! ConnectionError: rates API answered 503\n    2! ConnectionError: rates API answered 503\n',
    );
    expect(mocked.stdout).toContain('output: {"usd":1.08,"charge":"mocked charge"}');

    expect(unmocked.exit).toBe(1);
    expect(unmocked.stdout).toContain('fetch rates  failed (1 attempt)');
    expect(unmocked.stdout).toContain(
      '1! NonRetryableError: fetch GET https://api.example.com/v1/rates?base=EUR was blocked: workflow code reaches only the origins you allow, and https://api.example.com is not one. Mock it with --mocks FILE',
    );

    expect([invalid.exit, invalid.stdout]).toEqual([2, '']);
    expect(invalid.stderr).toBe(
      `error: --mocks ${bad} has 2 problems:\n  http[0].status: expected a number, got "ok"\n  http[1].url: missing (expected text)\n`,
    );
    expect(missing.exit).toBe(2);
    expect(missing.stderr).toMatch(/^error: --mocks: cannot read .*nope\.json: /);
  }, 120_000);
});
