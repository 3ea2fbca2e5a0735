/**
 * `workflow-studio replay JOURNAL.json [FILE.py]`: replays an exported journal against (possibly edited) code
 * with the engine and the Python runtime on a virtual clock, and reports where the code diverged from the
 * journal (expected vs got) and the status it ends in. See replay-journal.ts for what "replay" does.
 */
import { analyzeWorkflow, callSourceLine } from '../analysis';
import {
  type CallRef,
  type CallView,
  createMemoryJournalStore,
  createVirtualClock,
  type DivergenceView,
  type InstanceView,
  type ReplayNote,
  reduceJournal,
} from '../engine';
import type { JournalFile } from '../export';
import type { WorkflowInfo, WorkflowModule } from '../runtime';
import { driveInstance } from '../runtime';
import { BadInput, readWorkflowSource } from './bad-input';
import { parseCommandArgs } from './command-args';
import { hostModule } from './host-module';
import { type FromCloudflareOptions, replayFromCloudflare } from './replay-cloudflare';
import { loadReplayJournal, replayStart } from './replay-journal';
import { type RunReport, runOutputLines, toReport } from './report';
import type { CliDeps, CliIo } from './run-command';

export const REPLAY_USAGE = `Usage: workflow-studio replay JOURNAL.json [FILE.py] [--class NAME] [--id ID] [--json]

Replays an instance's journal (exported from the studio, or a run --journal file) against the workflow code:
run() runs again from the top on a virtual clock, journaled steps are served from the journal, and where the
code asks for other calls than the journal holds, the divergence is reported (expected vs got). New calls run
for real, so the instance ends complete, errored or waiting with the new code.

  FILE.py       the code to replay against; default: the source saved in the journal file
  --class NAME  the WorkflowEntrypoint subclass to use when it was renamed since the journal was written
  --id ID       the instance to replay from a run --journal file holding several
  --json        print one JSON object: the run report plus {replay: {journal, file, fromSeq, before,
                divergences, notes, outputChanged}}

Calls are matched by Cloudflare's keys: a step.do and a wait by name and count, a sleep by name, duration and
count (a changed sleep duration is a divergence). Reordered or inserted calls, and a wait whose event type or
timeout changed, are served by key as on Cloudflare and reported as notes.

Exit codes: 0 complete without divergence, 1 diverged, errored or waiting, 2 bad input.

       workflow-studio replay --from-cloudflare INSTANCE.json [MORE.json…] FILE.py [--class NAME] [--json]

Replays instances that ran on Cloudflare: each file holds the JSON of Cloudflare's REST API
GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id} (the whole answer or its result,
or a list of results). Step outputs are served as recorded; an output the API truncated, or an unknown step
type, stops that instance's replay before it. With several instances, a table: instance, verdict, first
divergence. Exit codes: 0 every instance replays without divergence, 1 any diverges or stops, 2 bad input.`;

/** One divergence the replay found, with the source line of the call the code made instead, when known. */
export interface ReplayDivergence {
  run: number;
  seq: number;
  expected: CallRef;
  got: CallRef | null;
  missing: CallRef[];
  gotLine: number | null;
}

/** What `--json` prints. */
export interface ReplayReport extends RunReport {
  replay: {
    journal: string;
    file: string;
    /** Journal events kept before the replay ran (the last run's end is dropped). */
    fromSeq: number;
    before: { status: string; output: unknown; error: { name: string; message: string } | null };
    divergences: ReplayDivergence[];
    /** Edits Cloudflare tolerates but that change behaviour, and the argument changes behind a divergence. */
    notes: ReplayNote[];
    outputChanged: boolean;
  };
}

export const callText = (c: CallRef) => `${c.kind} "${c.name}" #${c.count}`;

function pickWorkflow(file: string, module: WorkflowModule, workflowName: string, className?: string): WorkflowInfo {
  const all = module.workflows.map((w) => `${w.className} (${w.workflowName})`).join(', ') || 'none';
  if (className !== undefined) {
    const chosen = module.workflows.find((w) => w.className === className);
    if (!chosen)
      throw new BadInput(`--class ${className} is not a WorkflowEntrypoint subclass in ${file}; it defines: ${all}`);
    return chosen;
  }
  const same = module.workflows.find((w) => w.workflowName === workflowName);
  if (same) return same;
  const hint = module.workflows.length > 0 ? `; pass --class NAME to replay with one of them` : '';
  throw new BadInput(`${file} defines no workflow "${workflowName}" (the journal's); it defines: ${all}${hint}`);
}

function withLines(divergences: DivergenceView[], source: string, className: string): ReplayDivergence[] {
  const workflow = analyzeWorkflow(source).workflows.find((w) => w.className === className);
  return divergences.map(({ run, seq, expected, got, missing }) => {
    return { run, seq, expected, got, missing, gotLine: got ? callSourceLine(workflow, got) : null };
  });
}

function callLine(call: CallView, firstReplayRun: number): string {
  const label = `${call.kind.padEnd(5)} ${call.name}${call.count > 1 ? ` #${call.count}` : ''}`;
  const attempts =
    call.kind === 'do' ? ` (${call.attempts.length} attempt${call.attempts.length === 1 ? '' : 's'})` : '';
  const where = call.orphaned
    ? '  <- orphaned by the divergence'
    : call.run >= firstReplayRun
      ? '  <- new in the replay'
      : '';
  return `  ${label}  ${call.status}${attempts}${where}`;
}

export function formatReplay(
  report: ReplayReport,
  view: InstanceView,
  firstReplayRun: number,
  fileLabel: string,
): string {
  const { replay } = report;
  const lines = [
    `Replayed ${view.id} (${view.workflowName}) from ${replay.journal} against ${fileLabel}: ${replay.fromSeq} journal events, then run() again from the top.`,
  ];
  if (replay.divergences.length === 0) {
    lines.push(
      replay.notes.length === 0
        ? 'No divergence: the code made the calls the journal holds.'
        : 'No divergence: every journaled call was made again (by key, as Cloudflare serves them), but see the notes.',
    );
  }
  for (const d of replay.divergences) {
    const same = d.got !== null && callText(d.got) === callText(d.expected);
    const got = d.got
      ? `${same ? 'it with another duration, another call on Cloudflare' : callText(d.got)}${d.gotLine === null ? '' : ` (${fileLabel}:${d.gotLine})`}`
      : 'no further call';
    lines.push(`Divergence in run ${d.run} (seq ${d.seq}): expected ${callText(d.expected)}, got ${got}.`);
    if (d.missing.length > 1)
      lines.push(`  journaled calls this run did not make again: ${d.missing.map(callText).join(', ')}`);
  }
  for (const n of replay.notes) lines.push(`Note (run ${n.run}): ${n.message}`);
  lines.push(`Now ${view.status} after ${view.runs.length} runs (journal: ${replay.before.status}):`);
  for (const call of view.calls.filter((c) => c.generation === view.generation)) {
    lines.push(callLine(call, firstReplayRun));
    if (call.kind !== 'do') continue;
    for (const a of call.attempts.filter((x) => x.run >= firstReplayRun && x.error)) {
      lines.push(`    ${a.attempt}! ${a.error?.name}: ${a.error?.message}`);
    }
  }
  lines.push(...runOutputLines(view, firstReplayRun));
  if (view.status === 'complete') {
    lines.push(
      `output: ${JSON.stringify(view.output)}${replay.outputChanged ? ` (journal: ${JSON.stringify(replay.before.output)})` : ''}`,
    );
  }
  if (view.error) lines.push(`error: ${view.error.name}: ${view.error.message}`);
  const wait =
    view.pendingWake?.kind === 'wait-timeout'
      ? view.calls.find((c) => c.kind === 'wait' && c.status === 'waiting')
      : undefined;
  if (view.status === 'waiting' && wait?.kind === 'wait') {
    lines.push(`waiting for an event of type "${wait.eventType}" (replay sends no events)`);
  }
  return lines.join('\n');
}

/** The notes of the replay's own runs; a note every later wake repeats is kept once (its first run). */
function uniqueNotes(notes: ReplayNote[], firstReplayRun: number): ReplayNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => n.run >= firstReplayRun && !seen.has(n.message) && seen.add(n.message));
}

interface ReplayOptions {
  fromCloudflare: false;
  journal: string;
  file: string | undefined;
  className: string | undefined;
  id: string | undefined;
  json: boolean;
}

function parse(argv: readonly string[]): ReplayOptions | ({ fromCloudflare: true } & FromCloudflareOptions) | 'help' {
  const args = parseCommandArgs(argv, {
    values: { '--class': '--class OrderWorkflow', '--id': '--id order-42' },
    flags: ['--json', '--from-cloudflare'],
  });
  if (!args.ok) throw new BadInput(args.message.replace(/^error: /, ''));
  if (args.help) return 'help';
  if (args.flags.has('--from-cloudflare')) {
    const file = args.positional.at(-1);
    const instances = args.positional.slice(0, -1);
    if (file === undefined || instances.length === 0 || !/\.py$/i.test(file)) {
      throw new BadInput(
        `expected Cloudflare instance JSON files, then the workflow file: workflow-studio replay --from-cloudflare INSTANCE.json [MORE.json…] FILE.py (got: ${args.positional.join(' ') || 'nothing'})`,
      );
    }
    if (args.values.has('--id'))
      throw new BadInput('--id is for journal files; with --from-cloudflare every instance in the files replays');
    return {
      fromCloudflare: true,
      instances,
      file,
      className: args.values.get('--class'),
      json: args.flags.has('--json'),
    };
  }
  const [journal, file, ...extra] = args.positional;
  if (journal === undefined) throw new BadInput('missing journal file: workflow-studio replay JOURNAL.json [FILE.py]');
  if (extra.length > 0) {
    throw new BadInput(
      `expected a journal file and at most one workflow file, got ${args.positional.length}: ${args.positional.join(' ')}`,
    );
  }
  return {
    fromCloudflare: false,
    journal,
    file,
    className: args.values.get('--class'),
    id: args.values.get('--id'),
    json: args.flags.has('--json'),
  };
}

/** Runs `workflow-studio replay <argv>`; returns the exit code. */
export async function runReplayCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  try {
    const opts = parse(argv);
    if (opts === 'help') {
      io.stdout(`${REPLAY_USAGE}\n`);
      return 0;
    }
    return opts.fromCloudflare ? await replayFromCloudflare(opts, io, deps) : await replay(opts, io, deps);
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 2;
  }
}

async function replay(opts: ReplayOptions, io: CliIo, deps: CliDeps): Promise<number> {
  const journal = loadReplayJournal(opts.journal, opts.id);
  let source: string;
  let fileLabel: string;
  if (opts.file !== undefined) {
    source = readWorkflowSource(opts.file);
    fileLabel = opts.file;
  } else if (journal.source) {
    source = journal.source.text;
    fileLabel = journal.source.name;
  } else {
    throw new BadInput(
      `${opts.journal} holds no source; pass the workflow file: workflow-studio replay ${opts.journal} FILE.py`,
    );
  }
  const done = await replayJournal({
    journal,
    journalLabel: opts.journal,
    source,
    fileLabel,
    className: opts.className,
    io,
    deps,
  });
  const { report, view, firstReplayRun } = done;
  io.stdout(opts.json ? `${JSON.stringify(report)}\n` : `${formatReplay(report, view, firstReplayRun, fileLabel)}\n`);
  return view.status === 'complete' && report.replay.divergences.length === 0 ? 0 : 1;
}

/** What {@link replayJournal} found: the report, the instance after the replay, and the replay's first run. */
export interface ReplayDone {
  report: ReplayReport;
  view: InstanceView;
  firstReplayRun: number;
}

/**
 * Replays one journal against `source` (the engine and the Python runtime on a virtual clock) and reports the
 * divergences; `className` picks the workflow when the journal's name is not the file's.
 */
export async function replayJournal(params: {
  journal: JournalFile;
  journalLabel: string;
  source: string;
  fileLabel: string;
  className: string | undefined;
  io: CliIo;
  deps: CliDeps;
}): Promise<ReplayDone> {
  const { journal, source, fileLabel, io, deps } = params;
  const start = replayStart(journal);
  const before = reduceJournal(journal.events);
  const { instance } = journal;
  const store = createMemoryJournalStore();
  await store.append(instance.id, start.events, { ...instance, lastSeq: start.events.length });

  const { runtime, gate } = await deps.python();
  const clock = createVirtualClock(start.at);
  let chosen: WorkflowInfo | undefined;
  const { engine, module, dispose } = hostModule({
    runtime,
    store,
    clock,
    source,
    filename: fileLabel,
    now: deps.now,
    io,
    again: 'replay',
    resolveWorkflow: (name, m) => (name === instance.workflowName && chosen ? m.body(chosen.workflowName) : undefined),
  });
  try {
    chosen = pickWorkflow(fileLabel, module, instance.workflowName, params.className);
    const handle = await engine.binding(instance.workflowName).get(instance.id);
    if (before.status === 'paused') await handle.resume();
    const view = await driveInstance({
      engine,
      runtime,
      clock,
      instanceId: instance.id,
      expireWaits: false,
      pendingRequests: () => gate.pending(),
      view: async () => reduceJournal(await store.read(instance.id)),
    });
    const divergences = withLines(
      view.divergences.filter((d) => d.seq > start.events.length),
      source,
      chosen.className,
    );
    const outputChanged =
      before.status === 'complete' &&
      view.status === 'complete' &&
      JSON.stringify(before.output) !== JSON.stringify(view.output);
    const report: ReplayReport = {
      ...toReport(view),
      replay: {
        journal: params.journalLabel,
        file: fileLabel,
        fromSeq: start.events.length,
        before: {
          status: before.status,
          output: before.output,
          error: before.error ? { name: before.error.name, message: before.error.message } : null,
        },
        divergences,
        notes: uniqueNotes(engine.replayNotes(instance.id), before.runs.length + 1),
        outputChanged,
      },
    };
    return { report, view, firstReplayRun: before.runs.length + 1 };
  } finally {
    dispose();
  }
}
