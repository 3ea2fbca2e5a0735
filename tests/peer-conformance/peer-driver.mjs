// Runs under Node 22 (miniflare 4.2026 needs it) as a child of peer-side.ts, which runs under the project's
// Node 20. It starts miniflare with peer-worker.mjs on 127.0.0.1, prints one line `@@peer {"event":"ready",
// "url":…}` (workerd's own output shares stdout, hence the mark), and then serves until stdin closes, a
// SIGTERM/SIGINT, or --max-life-ms, whichever comes first, so no workerd outlives the suite.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MARK = '@@peer ';
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const maxLifeMs = Number(argValue('--max-life-ms', '600000'));
const stepLimit = Number(argValue('--step-limit', '5'));
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
process.stdin.on('end', () => void exit(0));
process.stdin.on('close', () => void exit(0));
process.stdin.resume();
setTimeout(() => {
  say({ event: 'expired', maxLifeMs });
  void exit(3);
}, maxLifeMs).unref();

try {
  const require = createRequire(import.meta.url);
  const { Miniflare } = await import('miniflare');
  mf = new Miniflare({
    modules: true,
    modulesRoot: fileURLToPath(new URL('.', import.meta.url)),
    modulesRules: [{ type: 'ESModule', include: ['**/*.mjs'] }],
    scriptPath: fileURLToPath(new URL('./peer-worker.mjs', import.meta.url)),
    compatibilityDate: '2026-03-01',
    host: '127.0.0.1',
    port: 0,
    workflows: {
      CONFORMANCE: { name: 'conformance', className: 'ConformanceWorkflow' },
      LIMITED: { name: 'limited', className: 'LimitedWorkflow', stepLimit },
    },
  });
  const url = await mf.ready;
  say({
    event: 'ready',
    url: String(url),
    node: process.version,
    miniflare: require('miniflare/package.json').version,
  });
} catch (error) {
  say({ event: 'failed', error: String(error?.stack ?? error) });
  await exit(1);
}
