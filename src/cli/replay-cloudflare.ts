/**
 * `workflow-studio replay --from-cloudflare INSTANCE.json [MORE.json…] FILE.py`: converts the instance JSON that
 * Cloudflare's REST API returns (src/export/cloudflare-instance.ts) to journals and replays each against the
 * file with the replay command's machinery (`replayJournal`). Every file is read and checked before anything
 * replays, so bad input (exit 2) prints one line and nothing else. Exit 0 when every instance replays without
 * divergence, 1 when any diverges or cannot be replayed to its end (a truncated output, an unknown step type).
 */
import { basename } from 'node:path';
import { analyzeWorkflow, workflowNameOf } from '../analysis';
import { DEFAULT_STEP_CONFIG, type JournalEvent } from '../engine';
import { buildJournalFile, type CloudflareImport, parseCloudflareInstances } from '../export';
import { BadInput, NotUtf8, readUtf8File, readWorkflowSource } from './bad-input';
import { readProblem } from './command-args';
import { callText, formatReplay, type ReplayReport, replayJournal } from './replay-command';
import type { CliDeps, CliIo } from './run-command';

export interface FromCloudflareOptions {
  instances: string[];
  file: string;
  className: string | undefined;
  json: boolean;
}

/** One instance's outcome, as `--json` prints it. */
export interface CloudflareVerdict {
  instance: string;
  source: string;
  verdict: 'clean' | 'diverged' | 'stopped';
  /** The first divergence, or why the replay stopped, in words; `null` when clean. */
  detail: string | null;
  truncated: string[];
  rollbacks: string[];
  report: ReplayReport | null;
}

/** The workflow the instances ran: `--class`, or the only one the file defines. */
function workflowOf(file: string, source: string, className: string | undefined): string {
  const classes = analyzeWorkflow(source).workflows.map((w) => w.className);
  if (className !== undefined) {
    if (!classes.includes(className)) {
      throw new BadInput(
        `--class ${className} is not a WorkflowEntrypoint subclass in ${file}; it defines: ${classes.join(', ') || 'none'}`,
      );
    }
    return workflowNameOf(className);
  }
  if (classes.length === 1) return workflowNameOf(classes[0] as string);
  if (classes.length === 0) throw new BadInput(`${file} defines no WorkflowEntrypoint subclass`);
  throw new BadInput(
    `${file} defines ${classes.length} workflows (${classes.join(', ')}); Cloudflare's JSON does not name one: pass --class NAME`,
  );
}

function readInstances(path: string, workflowName: string): CloudflareImport[] {
  let text: string;
  try {
    text = readUtf8File(path);
  } catch (e) {
    if (e instanceof NotUtf8) throw new BadInput(`cannot read ${path}: ${e.message}`);
    throw new BadInput(
      `cannot read ${path}: ${readProblem(e)}; pass the JSON of Cloudflare's GET …/instances/{instance_id}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BadInput(`${path}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const stem = basename(path).replace(/\.json$/i, '');
  const parsed = parseCloudflareInstances(value, {
    label: path,
    workflowName,
    defaultConfig: DEFAULT_STEP_CONFIG,
    idFor: (i) => (i === null ? stem : `${stem}-${i}`),
  });
  if (!parsed.ok) throw new BadInput(parsed.message);
  return parsed.instances;
}

/** Cloudflare's termination is not replayed: the calls before it are, against the code. */
const replayable = (events: JournalEvent[]) => events.filter((e) => e.type !== 'terminated');

async function judge(imp: CloudflareImport, opts: FromCloudflareOptions, source: string, io: CliIo, deps: CliDeps) {
  const base = { instance: imp.summary.id, source: imp.label, truncated: imp.truncated, rollbacks: imp.rollbacks };
  if (imp.stop)
    return { verdict: { ...base, verdict: 'stopped', detail: imp.stop.message, report: null } as CloudflareVerdict };
  const journal = buildJournalFile({ instance: imp.summary, events: replayable(imp.events), exportedAt: '' });
  const done = await replayJournal({
    journal,
    journalLabel: imp.label,
    source,
    fileLabel: opts.file,
    className: opts.className,
    io,
    deps,
  });
  const first = done.report.replay.divergences[0];
  const detail = first
    ? `step ${callText(first.expected)}: expected it, got ${first.got ? callText(first.got) : 'no further call'}${first.gotLine === null ? '' : ` (${opts.file}:${first.gotLine})`}`
    : null;
  const verdict: CloudflareVerdict = { ...base, verdict: first ? 'diverged' : 'clean', detail, report: done.report };
  return { verdict, done };
}

function table(rows: CloudflareVerdict[]): string {
  const cells = [
    ['instance', 'verdict', 'first divergence'],
    ...rows.map((r) => [r.instance, r.verdict, r.detail ?? '—']),
  ];
  const w0 = Math.max(...cells.map((c) => (c[0] as string).length));
  const w1 = Math.max(...cells.map((c) => (c[1] as string).length));
  return cells
    .map((c) => `${(c[0] as string).padEnd(w0)}  ${(c[1] as string).padEnd(w1)}  ${c[2]}`.trimEnd())
    .join('\n');
}

function notesOf(v: CloudflareVerdict): string[] {
  const lines: string[] = [];
  if (v.truncated.length > 0) lines.push(`${v.instance}: outputs the API truncated: ${v.truncated.join(', ')}`);
  if (v.rollbacks.length > 0) {
    lines.push(
      `${v.instance}: rollback steps (shown, not replayed: the studio's engine has no rollback phase): ${v.rollbacks.join(', ')}`,
    );
  }
  return lines;
}

/** Replays every instance; returns the exit code. */
export async function replayFromCloudflare(opts: FromCloudflareOptions, io: CliIo, deps: CliDeps): Promise<number> {
  const source = readWorkflowSource(opts.file);
  const workflowName = workflowOf(opts.file, source, opts.className);
  const all = opts.instances.flatMap((path) => readInstances(path, workflowName));
  const seen = new Set<string>();
  for (const imp of all) {
    if (seen.has(imp.summary.id)) throw new BadInput(`${imp.label}: instance id "${imp.summary.id}" appears twice`);
    seen.add(imp.summary.id);
  }
  const verdicts: CloudflareVerdict[] = [];
  const texts: string[] = [];
  for (const imp of all) {
    const { verdict, done } = await judge(imp, opts, source, io, deps);
    verdicts.push(verdict);
    if (done) texts.push(formatReplay(done.report, done.view, done.firstReplayRun, opts.file));
  }
  if (opts.json) {
    io.stdout(`${JSON.stringify(verdicts)}\n`);
  } else {
    const lines: string[] = [];
    if (all.length === 1) {
      const [v] = verdicts as [CloudflareVerdict];
      lines.push(v.verdict === 'stopped' ? `${v.instance}: ${v.detail}` : (texts[0] as string));
    } else {
      lines.push(
        `Replayed ${all.length} Cloudflare instances against ${opts.file} (one run each: Cloudflare does not expose its replays):`,
      );
      lines.push(table(verdicts));
    }
    lines.push(...verdicts.flatMap(notesOf));
    io.stdout(`${lines.join('\n')}\n`);
  }
  return verdicts.every((v) => v.verdict === 'clean') ? 0 : 1;
}
