/**
 * Peer benchmark (issue 10): the same N-step sequential workflow on Cloudflare's own local Workflows engine
 * (miniflare → workerd, from npm) and on our engine, side by side in one run, create → complete.
 *
 * - The body is bench/peer/chain.mjs on both sides: N sequential `step.do` calls, each returning a small JSON
 *   object derived from the previous step's value. Both sides' outputs are checked against the expected value.
 * - The peer runs in bench/peer/driver.mjs under Node 22 (see bench/peer/node22.ts), a child process that
 *   answers one JSON line per command; workerd listens on 127.0.0.1 only. The child (and its process group,
 *   so workerd too) is always killed at the end, and every wait is bounded.
 * - Ours runs in this process: createEngine + a real clock, with three stores, because the peer persists every
 *   step to SQLite and fsyncs it: in memory (no durability: what the engine costs), a JSON-lines file written
 *   per append (survives a process crash), and the same file fdatasync'd per append (survives a machine crash,
 *   like the peer). See bench/peer/file-store.ts.
 * - Rounds interleave the sides (peer first on even rounds, ours first on odd ones); ratios are per round.
 *
 * Everything is measured once, by the first case that runs; the other cases report from the same run. If the
 * peer cannot be started, its rows and the ratios carry NaN and a note saying why; the harness goes on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  createEngine,
  createMemoryJournalStore,
  createRealClock,
  type JournalStore,
  type WorkflowBody,
} from '../src/engine';
import { type ChainValue, expectedOutput, runChain } from './peer/chain.mjs';
import { createFileJournalStore } from './peer/file-store';
import { ensureNode22 } from './peer/node22';
import { median } from './stats';
import type { BenchCase, BenchResult } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const DRIVER = join(here, 'peer', 'driver.mjs');
const MARK = '@@peer ';
const READY_TIMEOUT_MS = 60_000;
/** No more peer rounds once the peer has taken this long in total (rounds already run are reported). */
const PEER_BUDGET_MS = 5 * 60_000;
const DRIVER_MAX_LIFE_MS = 10 * 60_000;
const runTimeoutMs = (steps: number) => Math.max(30_000, steps * 60);

/** Our stores: in memory; a JSON-lines file written per append; the same file also fdatasync'd per append. */
type Ours = 'memory' | 'file' | 'fsync';
type Side = 'peer' | Ours;
const OURS: readonly Ours[] = ['memory', 'file', 'fsync'];

interface Plan {
  sizes: number[];
  rounds: number;
}
/** The same sizes in both modes, so a quick run has the same rows; --quick only runs fewer rounds. */
const SIZES = [100, 1_000] as const;
const planFor = (quick: boolean): Plan => ({ sizes: [...SIZES], rounds: quick ? 1 : 5 });

interface Measured {
  plan: Plan;
  /** ms per (side, size): one entry per completed round. */
  ms: Map<string, number[]>;
  peer: { ok: boolean; why: string; info: string };
  fileStats: { syncsPerStep: number; bytesPerStep: number } | null;
  peerBytesPerStep: number | null;
  appendsPerStep: number | null;
}
const key = (side: Side, steps: number) => `${side}:${steps}`;
const fmtInt = (n: number) => n.toLocaleString('en-US');

// ---------- the peer: a child process running miniflare ----------

interface PeerReply {
  ok?: boolean;
  event?: string;
  ms?: number;
  status?: string;
  output?: unknown;
  error?: unknown;
  [k: string]: unknown;
}

class PeerProcess {
  private child: ChildProcess | null = null;
  private replies: PeerReply[] = [];
  private waiter: (() => void) | null = null;
  private stderrTail = '';
  private exited = false;
  private readonly onExit = () => this.killGroup();

  constructor(
    private readonly node: string,
    private readonly persistDir: string,
  ) {}

  async start(): Promise<PeerReply> {
    const child = spawn(
      this.node,
      [DRIVER, '--persist', this.persistDir, '--max-life-ms', String(DRIVER_MAX_LIFE_MS)],
      // Its own process group, so that killing the group also ends the workerd that miniflare spawns.
      { cwd: here, detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    this.child = child;
    process.on('exit', this.onExit);
    child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    child.on('error', (error) => {
      this.stderrTail += `\n${String(error)}`;
      this.exited = true;
      this.wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2_000);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith(MARK)) return; // workerd's own output shares stdout
      try {
        this.replies.push(JSON.parse(line.slice(MARK.length)) as PeerReply);
      } catch {
        this.replies.push({ ok: false, error: `unreadable reply: ${line.slice(0, 200)}` });
      }
      this.wake();
    });
    const ready = await this.next(READY_TIMEOUT_MS);
    if (ready.event !== 'ready')
      throw new Error(`miniflare did not start: ${String(ready.error ?? JSON.stringify(ready))}`);
    return ready;
  }

  async run(steps: number): Promise<PeerReply> {
    const timeoutMs = runTimeoutMs(steps);
    this.child?.stdin?.write(`${JSON.stringify({ op: 'run', steps, timeoutMs })}\n`);
    return this.next(timeoutMs + 10_000);
  }

  /** Asks the driver to dispose miniflare and exit, then kills the process group whatever happened. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.stdin?.end();
    const deadline = Date.now() + 10_000;
    while (!this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    this.killGroup();
    process.off('exit', this.onExit);
  }

  private killGroup(): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone (ESRCH)
    }
  }

  /** The error lines of the driver's stderr (a Node stack trace is mostly noise in a report). */
  private stderrSummary(): string {
    const lines = this.stderrTail.split('\n').map((l) => l.trim());
    const errors = lines.filter((l) => /error|ENOENT|EACCES|not found|cannot/i.test(l) && !l.startsWith('at '));
    return (errors.length > 0 ? errors.slice(0, 3).join(' / ') : lines.filter(Boolean).at(-1)) || 'no output';
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private async next(timeoutMs: number): Promise<PeerReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = this.replies.shift();
      if (reply) return reply;
      if (this.exited) throw new Error(`the miniflare driver exited: ${this.stderrSummary()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer from the miniflare driver within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1_000));
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

// ---------- our side: the engine in this process ----------

const chainBody: WorkflowBody = async ({ event, step }) =>
  runChain((event.payload as { steps: number }).steps, (name, fn) => step.do(name, () => fn()));

const hostTimers = {
  now: () => Date.now(),
  setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
};

/** ms from create() to a complete status of one `steps`-step instance on a fresh engine over `store`. */
async function runOurs(steps: number, store: JournalStore): Promise<number> {
  const engine = createEngine({
    store,
    clock: createRealClock(hostTimers),
    resolveWorkflow: (name) => (name === 'chain' ? chainBody : undefined),
    defer: (cb) => setImmediate(cb),
  });
  try {
    const deadline = performance.now() + runTimeoutMs(steps);
    const start = performance.now();
    const handle = await engine.binding('chain').create({ params: { steps } });
    for (;;) {
      await engine.settle();
      const st = await handle.status();
      if (st.status === 'complete') {
        const ms = performance.now() - start;
        checkOutput(steps, st.output, 'our engine');
        return ms;
      }
      if (st.status === 'errored' || st.status === 'terminated') {
        throw new Error(`our engine: instance ended ${st.status}: ${JSON.stringify(st.error)}`);
      }
      if (performance.now() > deadline) throw new Error(`our engine: not complete after ${runTimeoutMs(steps)} ms`);
    }
  } finally {
    engine.dispose();
  }
}

function checkOutput(steps: number, output: unknown, who: string): void {
  const want = expectedOutput(steps);
  const got = output as ChainValue | null;
  if (got?.i !== want.i || got.acc !== want.acc || got.tag !== want.tag) {
    throw new Error(`${who}: wrong output for ${steps} steps: ${JSON.stringify(output)} ≠ ${JSON.stringify(want)}`);
  }
}

// ---------- one measurement for all cases ----------

/** Bytes of the files under `dir`, recursively (miniflare keeps its SQLite files in a subfolder). */
function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

async function measure(quick: boolean): Promise<Measured> {
  const plan = planFor(quick);
  const ms = new Map<string, number[]>();
  const push = (side: Side, steps: number, v: number) =>
    ms.set(key(side, steps), [...(ms.get(key(side, steps)) ?? []), v]);
  const out: Measured = {
    plan,
    ms,
    peer: { ok: false, why: '', info: '' },
    fileStats: null,
    peerBytesPerStep: null,
    appendsPerStep: null,
  };
  // Both sides persist under the same temporary folder, so on the same file system.
  const root = mkdtempSync(join(os.tmpdir(), 'wfs-peer-bench-'));
  const peerDir = join(root, 'miniflare');
  let peer: PeerProcess | null = null;
  try {
    try {
      const node = await ensureNode22();
      peer = new PeerProcess(node.bin, peerDir);
      const ready = await peer.start();
      out.peer = {
        ok: true,
        why: '',
        info: `miniflare ${String(ready.miniflare)} / workerd ${String(ready.workerd)} on Node ${String(ready.node)}, started in ${Number(ready.startMs).toFixed(0)} ms${node.installedMs === null ? '' : `; Node 22 installed on demand in ${(node.installedMs / 1000).toFixed(1)} s`}`,
      };
    } catch (error) {
      out.peer = { ok: false, why: error instanceof Error ? error.message : String(error), info: '' };
      await peer?.stop();
      peer = null;
    }

    let fileRun = 0;
    const ours = async (side: Ours, steps: number): Promise<number> => {
      if (side === 'memory') return runOurs(steps, createMemoryJournalStore());
      const dir = join(root, `ours-${fileRun++}`);
      const store = await createFileJournalStore(dir, { fsync: side === 'fsync' });
      try {
        const t = await runOurs(steps, store);
        if (side === 'fsync' && steps === plan.sizes.at(-1)) {
          out.fileStats = {
            syncsPerStep: store.stats.syncs / steps,
            bytesPerStep: store.stats.bytes / steps,
          };
        }
        return t;
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const peerRun = async (steps: number): Promise<number> => {
      if (!peer) throw new Error('no peer');
      const reply = await peer.run(steps);
      if (reply.ok !== true || typeof reply.ms !== 'number') {
        throw new Error(`miniflare run of ${steps} steps failed: ${String(reply.error ?? reply.status)}`);
      }
      checkOutput(steps, reply.output, 'miniflare');
      return reply.ms;
    };

    // Warm-up (not reported): JIT, module loading, workerd's first instance.
    const warm = 20;
    for (const side of OURS) await ours(side, warm);
    if (peer) {
      try {
        await peerRun(warm);
      } catch (error) {
        out.peer = { ok: false, why: error instanceof Error ? error.message : String(error), info: out.peer.info };
        await peer.stop();
        peer = null;
      }
    }
    {
      // Journal appends per step of our engine (the same whatever the store).
      let appends = 0;
      const mem = createMemoryJournalStore();
      const counting: JournalStore = {
        ...mem,
        append: (id, events, summary) => {
          appends += 1;
          return mem.append(id, events, summary);
        },
      };
      await runOurs(warm, counting);
      out.appendsPerStep = appends / warm;
    }

    let peerSpent = 0;
    for (let round = 0; round < plan.rounds; round++) {
      for (const steps of plan.sizes) {
        const order: Side[] = round % 2 === 0 ? ['peer', ...OURS] : [...OURS, 'peer'];
        for (const side of order) {
          if (side !== 'peer') {
            push(side, steps, await ours(side, steps));
            continue;
          }
          if (!peer) continue;
          if (peerSpent > PEER_BUDGET_MS) {
            out.peer.why ||= `stopped after ${(peerSpent / 1000).toFixed(0)} s of peer time (budget ${PEER_BUDGET_MS / 1000} s)`;
            continue;
          }
          try {
            const t = await peerRun(steps);
            peerSpent += t;
            push('peer', steps, t);
          } catch (error) {
            out.peer = { ok: false, why: error instanceof Error ? error.message : String(error), info: out.peer.info };
            await peer.stop();
            peer = null;
          }
        }
      }
    }
    if (peer) {
      await peer.stop();
      peer = null;
      // Every instance the peer ran (warm-up + rounds) is in its SQLite files, now closed.
      const peerSteps = warm + plan.sizes.reduce((sum, n) => sum + n * (ms.get(key('peer', n))?.length ?? 0), 0);
      try {
        out.peerBytesPerStep = dirBytes(peerDir) / peerSteps;
      } catch {
        out.peerBytesPerStep = null;
      }
    }
  } finally {
    await peer?.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}

let measured: { quick: boolean; result: Promise<Measured> } | null = null;
function measurement(quick: boolean): Promise<Measured> {
  if (!measured || measured.quick !== quick) measured = { quick, result: measure(quick) };
  return measured.result;
}

// ---------- the cases ----------

const PEER_WHAT =
  "Cloudflare's local Workflows engine: miniflare's Engine Durable Object in workerd, run from npm on 127.0.0.1 and driven over loopback HTTP by a Node 22 child process (fetch → env.CHAIN.create(), then status() until complete). It persists every step to SQLite files in WAL mode in a temporary folder, the way `wrangler dev` keeps workflow state, and fsyncs them (strace on this machine: about 3 fsync calls per step), so a step survives a crash of the process or the machine.";
const OURS_WHAT: Record<Ours, string> = {
  memory:
    'our engine (createEngine, real clock, setImmediate host turns) in the bench process with the in-memory journal store: the journal lives in the process heap and does not survive a crash of the process. An upper bound.',
  file: 'our engine (createEngine, real clock, setImmediate host turns) in the bench process with a JSON-lines file per instance, one write per journal append without fsync (bench/peer/file-store.ts): a step survives a crash of the process, not of the machine (the durability of IndexedDB\'s default "relaxed" transactions, which the studio uses in the browser).',
  fsync:
    'our engine (createEngine, real clock, setImmediate host turns) in the bench process with a JSON-lines file per instance, one write + fdatasync per journal append (bench/peer/file-store.ts): a step survives a crash of the process or the machine, as on the peer.',
};
const OURS_LABEL: Record<Ours, string> = { memory: 'memory store', file: 'file store', fsync: 'fsync file store' };

function rate(steps: number, ms: number[]): number[] {
  return ms.map((t) => steps / (t / 1000));
}

function peerFailure(m: Measured): string {
  return `Peer unavailable: ${m.peer.why}. Nothing to compare; the rest of the suite is unaffected.`;
}

const sizeName = (index: number) => fmtInt(SIZES[index] as number);

const stepsCase = (side: Side, index: number): BenchCase => ({
  group: 'peer',
  // Case names avoid the word "engine", so that `npm run bench -- engine` does not also start miniflare.
  name:
    side === 'peer'
      ? `miniflare (Cloudflare's local Workflows), steps/s, ${sizeName(index)} sequential steps`
      : `ours, ${OURS_LABEL[side]}, steps/s, ${sizeName(index)} sequential steps`,
  async run({ quick }): Promise<BenchResult> {
    const m = await measurement(quick);
    const steps = m.plan.sizes[index] as number;
    const samples = rate(steps, m.ms.get(key(side, steps)) ?? []);
    const base = `One sample = create → complete of one instance running ${fmtInt(steps)} sequential step.do calls (bench/peer/chain.mjs, the same body on both sides: each step returns a small JSON object derived from the previous one; the output is checked), in steps/s; ${m.plan.rounds} round(s) interleaved with the other side, after a discarded warm-up. Higher is better.`;
    if (side === 'peer') {
      if (samples.length === 0) return { value: Number.NaN, unit: 'steps/s', samples: [], note: peerFailure(m) };
      const extra = [
        m.peer.info,
        m.peerBytesPerStep === null ? '' : `${fmtInt(Math.round(m.peerBytesPerStep))} bytes of SQLite + WAL per step`,
        m.peer.ok ? '' : `Incomplete: ${m.peer.why}`,
      ].filter(Boolean);
      return {
        value: median(samples),
        unit: 'steps/s',
        samples,
        note: `${base} Peer: ${PEER_WHAT} ${extra.join('; ')}.`,
      };
    }
    const extra: string[] = [];
    if (m.appendsPerStep !== null) extra.push(`${m.appendsPerStep.toFixed(2)} journal appends per step`);
    if (side === 'fsync' && m.fileStats) {
      extra.push(
        `${m.fileStats.syncsPerStep.toFixed(2)} fdatasync and ${fmtInt(Math.round(m.fileStats.bytesPerStep))} bytes of JSON per step`,
      );
    }
    return {
      value: median(samples),
      unit: 'steps/s',
      samples,
      note: `${base} Ours: ${OURS_WHAT[side]}${extra.length ? ` ${extra.join('; ')}.` : ''}`,
    };
  },
});

const RATIO_WHAT: Record<Ours, string> = {
  memory:
    'Ours keeps its journal in memory while the peer fsyncs SQLite: what the engine itself costs, an upper bound.',
  file: 'Ours writes every append to a file (survives a process crash) without fsync; the peer also fsyncs.',
  fsync: 'Both sides make every step durable on disk (fsync) before going on: like for like.',
};

const ratioCase = (side: Ours, index: number): BenchCase => ({
  group: 'peer',
  name: `ours (${OURS_LABEL[side]}) ÷ miniflare, steps/s, ${sizeName(index)} steps`,
  goal: '≥ 2×',
  async run({ quick }): Promise<BenchResult> {
    const m = await measurement(quick);
    const steps = m.plan.sizes[index] as number;
    const peerMs = m.ms.get(key('peer', steps)) ?? [];
    const oursMs = m.ms.get(key(side, steps)) ?? [];
    if (peerMs.length === 0) return { value: Number.NaN, unit: '×', samples: [], note: peerFailure(m) };
    // Per round: our steps/s ÷ the peer's = the peer's time ÷ ours, over the rounds both sides completed.
    const samples = peerMs.map((p, i) => p / (oursMs[i] as number)).filter(Number.isFinite);
    const peerRate = median(rate(steps, peerMs));
    const oursRate = median(rate(steps, oursMs));
    return {
      value: median(samples),
      unit: '×',
      samples,
      note: `${fmtInt(steps)} steps: median of the per-round ratios (our steps/s ÷ miniflare's, measured back to back in each round); medians ${fmtInt(Math.round(oursRate))} vs ${fmtInt(Math.round(peerRate))} steps/s. ${RATIO_WHAT[side]}`,
    };
  },
});

export default [
  ...(['peer', ...OURS] as const).flatMap((side) => [stepsCase(side, 0), stepsCase(side, 1)]),
  ...OURS.flatMap((side) => [ratioCase(side, 0), ratioCase(side, 1)]),
] satisfies BenchCase[];
