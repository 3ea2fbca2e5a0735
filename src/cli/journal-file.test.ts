/**
 * The `--journal` file as a shell user meets it: one process at a time (a second gets exit 2 naming the holder,
 * a dead holder's lock is taken over), atomic writes that leave no temporary file, a folder that cannot be
 * written and a read-only journal refused with one line. Each case checks the journal byte for byte and the
 * folder's listing. Also `--params @FILE` and `--event TYPE:@FILE`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JournalWriteError, openFileJournalStore } from './file-store';
import { runCli } from './run-command';
import { filePython, inProcess, runBin, tempFile, tempFolder } from './test-io';

const FLOW = `from workers import WorkflowEntrypoint


class Flow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def greet():
            return "hello " + str(event["payload"].get("name", "you"))

        greeting = await greet()
        approval = await step.wait_for_event("approval", "approved", timeout="1 hour")
        return {"greeting": greeting, "by": approval["payload"]["by"], "size": len(str(event["payload"]))}
`;

let flow: string;
const cli = inProcess(runCli, filePython().deps);

/** A new empty folder and the journal path in it. */
function fresh(): { dir: string; journal: string } {
  const dir = tempFolder();
  return { dir, journal: join(dir, 'journal.json') };
}
/** Node's own words for what is wrong with bad.json (they differ between Node versions). */
const NOT_JSON = (() => {
  try {
    JSON.parse('{by: ada}');
  } catch (e) {
    return (e as Error).message;
  }
})();
const listing = (dir: string) => readdirSync(dir).sort();
/** The id of a process that has exited (its lock is stale). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

beforeAll(() => {
  flow = tempFile('flow.py', FLOW);
  chmodSync(dirname(flow), 0o755); // readable by "nobody" too (the read-only folder case)
});

describe('--journal: one process at a time', () => {
  it('a second process on a journal in use exits 2 naming the holder; the file and folder are untouched', async () => {
    const { dir, journal } = fresh();
    expect((await cli('run', flow, '--id', 'a', '--journal', journal)).exit).toBe(1); // waits for approval
    const before = readFileSync(journal, 'utf8');
    const held = await openFileJournalStore(journal);
    if (!held.ok) throw new Error(held.message);
    try {
      expect(listing(dir)).toEqual(['journal.json', 'journal.json.lock']);
      const second = await runBin([
        'run',
        flow,
        '--id',
        'a',
        '--event',
        'approved:{"by": "ada"}',
        '--journal',
        journal,
      ]);
      expect(second).toEqual({
        exit: 2,
        stdout: '',
        stderr: `error: the journal ${journal} is in use by process ${process.pid}; wait for it to finish, or pass another --journal\n`,
      });
      expect(readFileSync(journal, 'utf8')).toBe(before);
      expect(listing(dir)).toEqual(['journal.json', 'journal.json.lock']);
    } finally {
      held.store.close();
    }
    expect(listing(dir)).toEqual(['journal.json']);
    // Released: the next process resumes the instance.
    const resumed = await cli('run', flow, '--id', 'a', '--event', 'approved:{"by": "ada"}', '--journal', journal);
    expect(resumed.exit).toBe(0);
    expect(listing(dir)).toEqual(['journal.json']);
  });

  it('two processes creating instances in one journal at once lose neither: each succeeds or is refused', async () => {
    const { dir, journal } = fresh();
    const [a, b] = await Promise.all(
      ['a', 'b'].map((id) =>
        runBin(['run', flow, '--id', id, '--event', `approved:{"by": "${id}"}`, '--json', '--journal', journal]),
      ),
    );
    const results = [a, b].map((r) => r as NonNullable<typeof r>);
    const succeeded = results.filter((r) => r.exit === 0).map((r) => JSON.parse(r.stdout).id as string);
    for (const r of results.filter((r) => r.exit !== 0)) {
      expect(r.exit).toBe(2);
      expect(r.stderr).toMatch(/^error: the journal .* is in use by process \d+; wait for it to finish/);
    }
    expect(succeeded.length).toBeGreaterThan(0);
    const file = JSON.parse(readFileSync(journal, 'utf8')) as { instances: { summary: { id: string } }[] };
    expect(file.instances.map((i) => i.summary.id).sort()).toEqual(succeeded.sort());
    expect(listing(dir)).toEqual(['journal.json']);
  });

  it('the lock of a process that no longer exists is taken over, and removed afterwards', async () => {
    const { dir, journal } = fresh();
    const pid = deadPid();
    writeFileSync(`${journal}.lock`, `${pid}\n`);
    const result = await cli('run', flow, '--id', 'a', '--event', 'approved:{"by": "ada"}', '--journal', journal);
    expect(result.stderr).toBe('');
    expect(result.exit).toBe(0);
    expect(listing(dir)).toEqual(['journal.json']);
    expect(JSON.parse(readFileSync(journal, 'utf8')).instances[0].summary).toMatchObject({
      id: 'a',
      status: 'complete',
    });
  });

  it('a fresh lock file with no process id yet counts as in use', async () => {
    const { dir, journal } = fresh();
    writeFileSync(`${journal}.lock`, '');
    const result = await cli('run', flow, '--journal', journal);
    expect(result).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: the journal ${journal} is in use by another process (${journal}.lock was just created); try again\n`,
    });
    expect(listing(dir)).toEqual(['journal.json.lock']);
  });
});

describe('--journal: a path that cannot be written, a read-only journal', () => {
  it('a folder that does not exist: exit 2, one line, nothing created', async () => {
    const { dir } = fresh();
    const journal = join(dir, 'missing', 'journal.json');
    const result = await cli('run', flow, '--journal', journal);
    expect(result).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --journal ${journal} cannot be written: the folder ${join(dir, 'missing')} does not exist; pass a path in a folder you can write\n`,
    });
    expect(listing(dir)).toEqual([]);
  });

  it('a read-only folder: exit 2, one line (no stack trace), no temporary or lock file left', async () => {
    const { dir, journal } = fresh();
    chmodSync(dir, 0o555);
    // Root may write anywhere: run the binary as "nobody" then, so the folder really is read-only to it.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = await runBin(['run', flow, '--journal', journal], asNobody);
    expect(result).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --journal ${journal} cannot be written: permission denied: the folder ${dir} is not writable; pass a path in a folder you can write\n`,
    });
    expect(listing(dir)).toEqual([]);
  });

  it('a read-only journal (444) is refused and never replaced', async () => {
    const { dir, journal } = fresh();
    expect((await cli('run', flow, '--id', 'a', '--journal', journal)).exit).toBe(1);
    const before = readFileSync(journal);
    chmodSync(journal, 0o444);
    const inode = statSync(journal).ino;
    const result = await cli('run', flow, '--id', 'a', '--event', 'approved:{"by": "ada"}', '--journal', journal);
    expect(result).toEqual({
      exit: 2,
      stdout: '',
      stderr: `error: --journal ${journal} is read-only, so it is left as it is; make it writable (chmod u+w) or pass a new path\n`,
    });
    expect(readFileSync(journal).equals(before)).toBe(true);
    expect(statSync(journal).ino).toBe(inode);
    expect(statSync(journal).mode & 0o777).toBe(0o444);
    expect(listing(dir)).toEqual(['journal.json']);
  });

  it('a write that fails keeps the last complete journal and removes its temporary file', async () => {
    const { dir, journal } = fresh();
    const opened = await openFileJournalStore(journal);
    if (!opened.ok) throw new Error(opened.message);
    const { store } = opened;
    try {
      await store.deleteInstance('nothing'); // something to write
      // Where the journal would go is now a folder with a file in it: the rename over it fails.
      mkdirSync(journal);
      writeFileSync(join(journal, 'keep'), 'x');
      const error = await store.flush().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JournalWriteError);
      expect((error as Error).message).toMatch(
        new RegExp(`^--journal ${journal} could not be written: .+; it keeps its last complete write$`),
      );
      expect(listing(dir)).toEqual(['journal.json', 'journal.json.lock']);
      expect(listing(journal)).toEqual(['keep']);
    } finally {
      store.close();
    }
    expect(listing(dir)).toEqual(['journal.json']);
  });
});

describe('--params @FILE and --event TYPE:@FILE', () => {
  it('read the JSON from the file, a payload too large for a command line included', async () => {
    const { dir, journal } = fresh();
    const big = { name: 'Ada', blob: 'x'.repeat(900_000) };
    writeFileSync(join(dir, 'params.json'), JSON.stringify(big));
    writeFileSync(join(dir, 'approved.json'), '{"by": "grace"}\n');
    const result = await cli(
      'run',
      flow,
      '--params',
      `@${join(dir, 'params.json')}`,
      '--event',
      `approved:@${join(dir, 'approved.json')}`,
      '--json',
      '--journal',
      journal,
    );
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ status: 'complete', output: { greeting: 'hello Ada', by: 'grace' } });
    expect(report.output.size).toBeGreaterThan(900_000);
  });

  const BAD: [string, (dir: string) => string[], (dir: string) => string][] = [
    [
      '--params @ a file that does not exist',
      (d) => ['--params', `@${d}/nope.json`],
      (d) => `--params @${d}/nope.json: cannot read ${d}/nope.json: no such file`,
    ],
    [
      '--params @ a file that is not JSON',
      (d) => ['--params', `@${d}/bad.json`],
      (d) => `--params @${d}/bad.json: ${d}/bad.json is not valid JSON (${NOT_JSON})`,
    ],
    [
      // Read as UTF-8 with replacement, it ran with "caf\ufffd" in its params.
      '--params @ a file that is not UTF-8 (Latin-1)',
      (d) => ['--params', `@${d}/latin.json`],
      (d) =>
        `--params @${d}/latin.json: cannot read ${d}/latin.json: it is not UTF-8 (byte 0xE9 at offset 13); save it as UTF-8`,
    ],
    [
      '--params @ with no file name',
      () => ['--params', '@'],
      () => '--params @ names no file; write @FILE, e.g. --params @params.json',
    ],
    [
      '--event TYPE:@ a folder',
      (d) => ['--event', `approved:@${d}`],
      (d) => `--event "approved" @${d}: cannot read ${d}: it is a directory`,
    ],
    [
      '--event TYPE:@ a file that is not JSON',
      (d) => ['--event', `approved:@${d}/bad.json`],
      (d) => `--event "approved" @${d}/bad.json: ${d}/bad.json is not valid JSON (${NOT_JSON})`,
    ],
  ];
  for (const [what, args, message] of BAD) {
    it(`${what}: exit 2 with one line, the journal untouched`, async () => {
      const { dir, journal } = fresh();
      writeFileSync(join(dir, 'bad.json'), '{by: ada}');
      writeFileSync(join(dir, 'latin.json'), Buffer.from('{"name": "caf\xe9"}', 'latin1'));
      const result = await cli('run', flow, ...args(dir), '--journal', journal);
      expect(result).toEqual({ exit: 2, stdout: '', stderr: `error: ${message(dir)}\n` });
      expect(listing(dir)).toEqual(['bad.json', 'latin.json']);
    });
  }
});
