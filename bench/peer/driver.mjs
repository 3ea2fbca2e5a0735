// Runs under Node 22 (miniflare 4.2026 needs it), as a child process of ../peer-miniflare.bench.ts, which runs
// under the project's Node 20. It starts miniflare (workerd) on 127.0.0.1 with workflow.mjs and answers one
// JSON command per stdin line with one JSON line on stdout, prefixed with MARK because workerd's own output
// shares this stdout. Commands: {"op":"run","steps":N,"timeoutMs":T} → {"ok":true,"ms":…,"status":…,"output":…}.
// It disposes miniflare and exits when stdin closes, on SIGTERM/SIGINT, or after --max-life-ms, whichever
// comes first, so no workerd outlives a benchmark.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MARK = '@@peer ';
// Observed on miniflare 4.20260730: status() of an instance whose run is a chain of step.do calls does not
// answer until the run has ended (the Engine Durable Object is busy), so the first poll usually returns
// 'complete'; the poll interval only matters for runs that yield (sleeps, waits).
const POLL_MS = 2;
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const persistDir = argValue('--persist');
const maxLifeMs = Number(argValue('--max-life-ms', '600000'));
const say = (msg) => process.stdout.write(`${MARK}${JSON.stringify(msg)}\n`);

let mf;
let exiting = false;
async function exit(code) {
  if (exiting) return;
  exiting = true;
  try {
    await Promise.race([mf?.dispose(), sleep(5_000)]);
  } finally {
    process.exit(code);
  }
}
process.on('SIGTERM', () => void exit(143));
process.on('SIGINT', () => void exit(130));
setTimeout(() => {
  say({ event: 'expired', maxLifeMs });
  void exit(3);
}, maxLifeMs).unref();

const BASE = 'http://127.0.0.1';
async function json(path) {
  const res = await mf.dispatchFetch(`${BASE}${path}`);
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function runOnce(steps, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  const t0 = performance.now();
  const { id } = await json(`/create?steps=${steps}`);
  const createMs = performance.now() - t0;
  let polls = 0;
  for (;;) {
    const st = await json(`/status?id=${encodeURIComponent(id)}`);
    polls += 1;
    if (st.status === 'complete' || st.status === 'errored' || st.status === 'terminated') {
      return {
        ok: st.status === 'complete',
        ms: performance.now() - t0,
        createMs,
        status: st.status,
        output: st.output ?? null,
        error: st.error ?? null,
        polls,
        id,
      };
    }
    if (performance.now() > deadline)
      return { ok: false, status: st.status, error: `timed out after ${timeoutMs} ms`, polls, id };
    await sleep(POLL_MS);
  }
}

try {
  const require = createRequire(import.meta.url);
  const { Miniflare } = await import('miniflare');
  const t0 = performance.now();
  mf = new Miniflare({
    modules: true,
    modulesRoot: fileURLToPath(new URL('.', import.meta.url)),
    scriptPath: fileURLToPath(new URL('./workflow.mjs', import.meta.url)),
    compatibilityDate: '2026-03-01',
    host: '127.0.0.1',
    port: 0,
    workflows: { CHAIN: { name: 'chain', className: 'ChainWorkflow' } },
    ...(persistDir ? { workflowsPersist: persistDir } : {}),
  });
  await mf.ready;
  const version = (name) => {
    try {
      return require(`${name}/package.json`).version;
    } catch {
      return 'unknown';
    }
  };
  say({
    event: 'ready',
    startMs: performance.now() - t0,
    node: process.version,
    miniflare: version('miniflare'),
    workerd: version('workerd'),
  });
} catch (error) {
  say({ event: 'failed', error: String(error?.stack ?? error) });
  await exit(1);
}

// One command at a time: the parent waits for each answer before it sends the next, so when stdin closes (the
// parent is done, or gone) nothing is pending and the driver exits at once, even with a run in flight.
const lines = createInterface({ input: process.stdin });
lines.on('close', () => void exit(0));
for await (const line of lines) {
  if (!line.trim()) continue;
  let reply;
  try {
    const cmd = JSON.parse(line);
    if (cmd.op === 'run') reply = await runOnce(Number(cmd.steps), Number(cmd.timeoutMs ?? 60_000));
    else if (cmd.op === 'quit') break;
    else reply = { ok: false, error: `unknown op ${cmd.op}` };
  } catch (error) {
    reply = { ok: false, error: String(error?.stack ?? error) };
  }
  say(reply);
}
await exit(0);
