/**
 * The module rows of the bad-input table: the pure modules the UI calls before anything reaches the executor
 * (journal import, share links, the Run dialog), and a database written by an older schema.
 */
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import LZString from 'lz-string';
import { expect, vi } from 'vitest';
import { createVirtualClock, type InstanceSummary, type JournalEvent } from '../../src/engine';
import {
  decodeShareLink,
  encodeShareLink,
  MAX_SHARE_LINK_CHARS,
  parseJournalFile,
  SHARE_PREFIX,
} from '../../src/export';
import { createDexieJournalStore, StudioDB } from '../../src/persistence';
import { instanceIdCheck, parseParams } from '../../src/ui/actions/run-params';
import { GOOD } from './bad-input-sources';
import { type CoreRuntime, coreOn, fresh, statusIs, T0 } from './bad-input-studio';

/** A row for a pure module the UI calls: what the user reads (a pattern where the text comes from the platform). */
export interface ModuleRow {
  what: string;
  run(): string | Promise<string>;
  message: string | RegExp;
}

const importMessage = (text: string) => {
  const parsed = parseJournalFile(text);
  return parsed.ok ? 'imported' : parsed.message;
};
const shareMessage = (link: string) => {
  const decoded = decodeShareLink(link);
  return decoded.ok ? 'opened' : decoded.message;
};
const compressed = (payload: unknown) =>
  `https://studio.example/#${SHARE_PREFIX}${LZString.compressToEncodedURIComponent(JSON.stringify(payload))}`;

/** The checked-in export of a complete instance, with `edit` applied to a copy, as text. */
const exported = (edit: (file: { version: number; events: Record<string, unknown>[] }) => void) => {
  const file = JSON.parse(readFileSync('src/export/__fixtures__/order-complete.journal.json', 'utf8'));
  edit(file);
  return JSON.stringify(file);
};

const GOOD_LINK = (() => {
  const encoded = encodeShareLink({ name: 'good.py', source: GOOD });
  if (!encoded.ok) throw new Error(encoded.message);
  return `https://studio.example/#${encoded.fragment}`;
})();

export const moduleRows: ModuleRow[] = [
  {
    what: 'Run dialog: params that are not JSON',
    run: () => {
      const checked = parseParams('{"name": Ada}');
      return checked.ok ? 'ok' : checked.message;
    },
    message: /^Params are not valid JSON: .*Ada.*$/,
  },
  {
    what: 'Run dialog: an invalid instance id',
    run: () => instanceIdCheck('-order') ?? 'ok',
    message:
      'Workflow instance has invalid id: "-order" starts with "-"; an id must start with a letter, a digit or "_"',
  },
  {
    what: 'import: a file that is not JSON (cut off)',
    run: () => importMessage('{"format": "workflow-studio-journal", '),
    message: /^Not a journal file: it is not JSON \(.+\)\.$/,
  },
  {
    what: 'import: a JSON file that is not a journal',
    run: () => importMessage('{"name": "workflow-studio", "version": "0.1.0"}'),
    message: 'Not a journal file: "format" is missing; expected "workflow-studio-journal".',
  },
  {
    what: 'import: an event with a gap in seq',
    run: () => importMessage(exported((f) => Object.assign(f.events[3] as object, { seq: 7 }))),
    message: 'Invalid journal file: events[3].seq: expected 4, got 7.',
  },
  {
    what: 'import: an event of an unknown kind',
    run: () => importMessage(exported((f) => Object.assign(f.events[2] as object, { type: 'step-exploded' }))),
    message:
      'Invalid journal file: events[2].type: unknown value "step-exploded"; expected one of: instance-created, run-started, run-finished, run-errored, run-evicted, calls-replayed, divergence-detected, step-started, attempt-started, attempt-failed, step-succeeded, step-failed, sleep-started, sleep-finished, wait-started, event-received, wait-timed-out, event-buffered, wake-skipped, pause-requested, paused, resumed, terminated, restarted, run-output.',
  },
  {
    what: 'import: a file from a newer studio',
    run: () => importMessage(exported((f) => Object.assign(f, { version: 3 }))),
    message:
      'Not imported: the file was written by a newer Workflow Studio (journal format version 3); this one reads version 2.',
  },
  {
    what: 'share link: cut off when it was copied',
    run: () => shareMessage(GOOD_LINK.slice(0, GOOD_LINK.length - 40)),
    message: 'This share link is damaged and cannot be read. Was it cut off or changed when it was copied?',
  },
  {
    what: 'share link: characters that no share link has',
    run: () => shareMessage(`https://studio.example/#${SHARE_PREFIX}<script>alert(1)</script>`),
    message: 'This share link is damaged and cannot be read. Was it cut off or changed when it was copied?',
  },
  {
    what: 'share link: made by a newer studio',
    run: () => shareMessage(compressed({ v: 99, name: 'good.py', source: GOOD })),
    message:
      'This share link was made by a newer Workflow Studio (link format 99); this one reads format 1. Reload the studio to update it.',
  },
  {
    what: 'share link: well-formed, but the code is not text',
    run: () => shareMessage(compressed({ v: 1, name: 'good.py', source: 42 })),
    message: 'This share link cannot be opened: source: expected text, got 42.',
  },
  {
    what: 'share link: far too long (pasted twice?)',
    run: () => shareMessage(`#${SHARE_PREFIX}${'A'.repeat(MAX_SHARE_LINK_CHARS + 1)}`),
    message: `This share link is ${MAX_SHARE_LINK_CHARS + 1} characters long; share links are at most ${MAX_SHARE_LINK_CHARS}. It may have been pasted twice or built by hand.`,
  },
  {
    what: 'database from an older schema (v1): upgraded without loss, its unfinished instance resumes',
    run: () => upgradeV1(),
    message: 'kept its 7 journal events; the instance resumed and completed with "after nap"',
  },
];

const SLEEPY = `from workers import WorkflowEntrypoint


class Sleepy(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def before():
            return "before"

        await before()
        await step.sleep("nap", "1 hour")

        @step.do()
        async def after():
            return "after nap"

        return await after()
`;

/** The runtime of the studio (the test file's shared Pyodide); the v1-upgrade row uses it too. */
let upgradeRuntime: CoreRuntime | undefined;
/** The runtime the v1-upgrade row runs the executor with (the test file's shared Pyodide). */
export function useRuntime(runtime: CoreRuntime): void {
  upgradeRuntime = runtime;
}

/**
 * A database written by the v1 schema (no instance → file table) holding an instance that sleeps: opened by
 * today's StudioDB, its journal is kept as it was and the executor resumes the instance by workflow name.
 */
async function upgradeV1(): Promise<string> {
  const runtime = upgradeRuntime;
  if (!runtime) throw new Error('useRuntime() first');
  // The journal of an instance that started, ran a step and sleeps, made by today's executor…
  const scratch = new StudioDB(fresh('scratch'));
  const clock = createVirtualClock(T0);
  const first = coreOn(runtime, scratch, clock);
  await first.loadSource({ fileId: 's', version: 1, name: 'sleepy.py', source: SLEEPY });
  await first.create({ fileId: 's', workflowName: 'sleepy', id: 'old-1' });
  await vi.waitFor(async () => expect((await scratch.journal.toArray()).map((e) => e.type)).toContain('run-evicted'), {
    timeout: 20_000,
  });
  first.dispose();
  const events: JournalEvent[] = await createDexieJournalStore(scratch).read('old-1');
  const summary = (await scratch.instances.get('old-1')) as InstanceSummary;
  scratch.close();

  // …written into a database created with the version-1 schema.
  const name = fresh('v1');
  const v1 = new Dexie(name);
  v1.version(1).stores({
    files: 'id, name, updatedAt',
    instances: 'id, workflowName, status, createdAt, updatedAt',
    journal: '[instanceId+seq], instanceId',
    snapshots: 'key',
    settings: 'key',
  });
  await v1.table('instances').add(summary);
  await v1.table('journal').bulkAdd(events);
  v1.close();

  const db = new StudioDB(name);
  const core = coreOn(runtime, db, clock);
  try {
    const recovered = await core.recover();
    expect(recovered).toEqual({ type: 'recovered', resumed: 0, waitingForSource: 1 });
    await core.loadSource({ fileId: 's', version: 1, name: 'sleepy.py', source: SLEEPY });
    clock.advanceBy(3_600_000);
    await statusIs(db, 'old-1', 'complete');
    const after = await createDexieJournalStore(db).read('old-1');
    expect(after.slice(0, events.length)).toEqual(events);
    const output = after.find((e) => e.type === 'run-finished');
    const result = output?.type === 'run-finished' ? output.output : null;
    return `kept its ${events.length} journal events; the instance resumed and completed with ${JSON.stringify(result)}`;
  } finally {
    core.dispose();
    db.close();
  }
}
