/**
 * Cloudflare's side of the differential suite: miniflare (Cloudflare's local Workflows engine, on workerd) in a
 * Node 22 child process (peer-driver.mjs), Node 22 found or installed by the peer benchmark's `ensureNode22`.
 * Commands go over HTTP to peer-worker.mjs on 127.0.0.1. The child runs in its own process group, killed with
 * workerd when the suite ends or this process exits; every wait is bounded. The child's TMPDIR is a directory
 * of its own, removed at the end: miniflare keeps its state in a temporary directory (~20 MB after this suite)
 * and removes it only in the background on dispose, which the exiting child cuts short.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureNode22 } from '../../bench/peer/node22';
import type { Call, Reply } from './api';
import { LIMITED_STEP_LIMIT } from './our-side';

const here = dirname(fileURLToPath(import.meta.url));
const MARK = '@@peer ';
const READY_TIMEOUT_MS = 90_000;
const MAX_LIFE_MS = 15 * 60_000;
const CALL_TIMEOUT_MS = 30_000;

export interface PeerSide {
  call: Call;
  /** Node and miniflare versions, and how long installing Node 22 took (null: it was there). */
  info: { node: string; miniflare: string; installMs: number | null; startMs: number };
  stop(): Promise<void>;
}

export async function startPeer(): Promise<PeerSide> {
  const { bin, installedMs } = await ensureNode22();
  const t0 = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'peer-conformance-'));
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  const child: ChildProcess = spawn(
    bin,
    [join(here, 'peer-driver.mjs'), '--max-life-ms', String(MAX_LIFE_MS), '--step-limit', String(LIMITED_STEP_LIMIT)],
    { cwd: here, detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp } },
  );
  let stderrTail = '';
  let exited = false;
  const killGroup = () => {
    if (child.pid !== undefined && !exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    removeTmp();
  };
  process.on('exit', killGroup);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2_000);
  });
  const ready = await new Promise<{ url: string; node: string; miniflare: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`miniflare not ready after ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`the miniflare driver exited (${code}): ${stderrTail}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(MARK)) return; // workerd's own output shares stdout
      const msg = JSON.parse(line.slice(MARK.length)) as { event: string; error?: string; url: string };
      clearTimeout(timer);
      if (msg.event === 'ready') resolve(msg as never);
      else reject(new Error(`miniflare did not start: ${msg.error ?? line}`));
    });
  }).catch((error: unknown) => {
    killGroup();
    throw error;
  });

  return {
    info: { node: ready.node, miniflare: ready.miniflare, installMs: installedMs, startMs: performance.now() - t0 },
    async call(cmd): Promise<Reply> {
      const res = await fetch(ready.url, {
        method: 'POST',
        body: JSON.stringify(cmd),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`peer ${cmd.op}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Reply;
    },
    async stop() {
      child.stdin?.end();
      const deadline = Date.now() + 10_000;
      while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      killGroup();
      process.off('exit', killGroup);
    },
  };
}
