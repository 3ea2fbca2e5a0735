/**
 * The CLI's Python snapshot cache (src/runtime/node-snapshot-cache.ts), through the real binary: made by the
 * first run, restored by the next, rebuilt when the key (Pyodide version + SDK hash) changes, and a corrupt file
 * is one line on stderr and a plain start. The cache folder is a temporary one (`WORKFLOW_STUDIO_CACHE`).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as pyodideVersion } from 'pyodide';
import { afterAll, describe, expect, it } from 'vitest';
import { openSnapshotCache, readSdkSources, snapshotCacheDirs } from '../runtime/node';
import { cacheKey, withChecksum, withoutChecksum } from '../runtime/node-snapshot-cache';
import { sdkHash } from '../runtime/sdk-sources';
import { checkSnapshotShape } from '../runtime/snapshot-bytes';
import { runBin } from './test-io';

const FLOW = `import random
from workers import WorkflowEntrypoint


class One(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("greet")
        async def greet():
            return {"hello": event["payload"]["name"], "r": random.random()}

        return await greet()
`;

const dir = mkdtempSync(join(tmpdir(), 'ws-snapshot-cache-'));
const cache = join(dir, 'cache');
const flow = join(dir, 'one.py');
writeFileSync(flow, FLOW);
const key = cacheKey(pyodideVersion, sdkHash(readSdkSources()));
const current = join(cache, `${key}.bin`);
afterAll(() => rmSync(dir, { recursive: true, force: true })); // ~30 MB of snapshot

async function runOne(name: string) {
  const result = await runBin(['run', flow, '--params', JSON.stringify({ name }), '--json'], {
    env: { ...process.env, WORKFLOW_STUDIO_CACHE: cache },
  });
  const out = result.exit === 0 ? JSON.parse(result.stdout) : undefined;
  return { ...result, output: out?.output as { hello: string; r: number } | undefined };
}

describe('workflow-studio run: the Python snapshot cache', { timeout: 180_000 }, () => {
  let firstR = 0;

  it('the first run makes the snapshot for this Pyodide and SDK, says nothing about it, and runs the workflow', async () => {
    const first = await runOne('Ada');
    expect(first.stderr).toBe('');
    expect(first.exit).toBe(0);
    expect(first.output?.hello).toBe('Ada');
    firstR = first.output?.r ?? 0;
    expect(readdirSync(cache)).toEqual([`${key}.bin`]);
    expect(() => checkSnapshotShape(withoutChecksum(readFileSync(current)))).not.toThrow();
  });

  it('the next run restores it (the file is not remade) and draws fresh random numbers', async () => {
    const before = statSync(current);
    const second = await runOne('Grace');
    expect(second.stderr).toBe('');
    expect(second.exit).toBe(0);
    expect(second.output?.hello).toBe('Grace');
    // A restored interpreter must not replay a random state from the one that made the snapshot.
    expect(second.output?.r).not.toBe(firstR);
    const after = statSync(current);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('a snapshot of another Pyodide or SDK is not restored: a new one is made and the stale one removed', async () => {
    const stale = join(cache, 'pyodide-0.0.1-sdk-00000000.bin');
    writeFileSync(stale, readFileSync(current));
    rmSync(current); // only the snapshot of the other key is left
    const run = await runOne('Edsger');
    expect(run.stderr).toBe('');
    expect(run.output?.hello).toBe('Edsger');
    expect(readdirSync(cache)).toEqual([`${key}.bin`]);
    expect(existsSync(stale)).toBe(false);
  });

  it('a corrupt snapshot is one line on stderr, Python starts plainly and the file is made anew', async () => {
    writeFileSync(current, 'not a snapshot at all');
    const run = await runOne('Barbara');
    expect(run.exit).toBe(0);
    expect(run.output?.hello).toBe('Barbara');
    expect(run.stderr).toBe(
      `workflow-studio: the Python snapshot ${current} is unusable (The file has no checksum trailer (made by an older workflow-studio, or cut short)); starting Python without it.\n`,
    );
    expect(() => checkSnapshotShape(withoutChecksum(readFileSync(current)))).not.toThrow();
  });

  it('a snapshot with bytes changed in its middle (same length) fails its checksum: noted, a plain start, made anew', async () => {
    const good = withoutChecksum(readFileSync(current));
    const file = readFileSync(current);
    const middle = file.byteLength >> 1;
    for (let i = middle; i < middle + 16; i++) file[i] = (file[i] ?? 0) ^ 0x5a;
    expect(() => checkSnapshotShape(file.subarray(0, file.byteLength - 8))).not.toThrow(); // only the checksum sees it
    writeFileSync(current, file);
    const run = await runOne('Frances');
    expect(run.exit).toBe(0);
    expect(run.output?.hello).toBe('Frances');
    expect(run.stderr.replace(/CRC-32 [0-9a-f]{8}, stored [0-9a-f]{8}/, 'CRC-32 X, stored Y')).toBe(
      `workflow-studio: the Python snapshot ${current} is unusable (Its contents do not match its checksum (CRC-32 X, stored Y)); starting Python without it.\n`,
    );
    const remade = withoutChecksum(readFileSync(current)); // throws if the new file's checksum is wrong
    expect(remade.byteLength).toBe(good.byteLength);
  });

  it('a snapshot of the right shape that Pyodide refuses (another build) is noted, dropped and made anew', async () => {
    const bytes = Buffer.from(withoutChecksum(readFileSync(current)));
    bytes[20] = (bytes[20] ?? 0) ^ 0xff; // inside the build id (header bytes 16–47)
    writeFileSync(current, withChecksum(bytes)); // a valid checksum: Pyodide itself refuses it
    const run = await runOne('Niklaus');
    expect(run.exit).toBe(0);
    expect(run.output?.hello).toBe('Niklaus');
    expect(run.stderr).toMatch(
      /^workflow-studio: the cached Python snapshot could not be restored \(.+\); starting Python without it\.\n$/,
    );
    expect(withoutChecksum(readFileSync(current))[20]).not.toBe(bytes[20]);
  });
});

describe('the snapshot cache folders', () => {
  it('are node_modules/.cache/workflow-studio then $XDG_CACHE_HOME/workflow-studio; WORKFLOW_STUDIO_CACHE replaces both', () => {
    const [own, xdg] = snapshotCacheDirs({ XDG_CACHE_HOME: '/x/cache' });
    expect(own).toMatch(/[/\\]node_modules[/\\]\.cache[/\\]workflow-studio$/);
    expect(xdg).toBe(join('/x/cache', 'workflow-studio'));
    expect(snapshotCacheDirs({ WORKFLOW_STUDIO_CACHE: '/ci/ws' })).toEqual(['/ci/ws']);
  });

  it('falls back to the next folder when the first cannot be written, and notes when none can', () => {
    const base = mkdtempSync(join(tmpdir(), 'ws-cache-dirs-'));
    const blocker = join(base, 'a-file');
    writeFileSync(blocker, '');
    const notes: string[] = [];
    const fallback = join(base, 'xdg');
    const bytes = new Uint8Array([1, 2, 3]);
    openSnapshotCache({ dirs: [join(blocker, 'cache'), fallback], note: (l) => notes.push(l) }).write('k', bytes);
    expect(Buffer.from(withoutChecksum(readFileSync(join(fallback, 'k.bin'))))).toEqual(Buffer.from(bytes));
    expect(notes).toEqual([]);
    openSnapshotCache({ dirs: [join(blocker, 'cache')], note: (l) => notes.push(l) }).write('k', bytes);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^workflow-studio: no Python snapshot kept \(.*a-file\/cache: ENOTDIR.*\); the next start/,
    );
  });

  it('keys a snapshot by the Pyodide version and the SDK sources', () => {
    const sources = readSdkSources();
    const edited = Object.fromEntries(Object.entries(sources).map(([p, t]) => [p, `${t}\n# edited`]));
    expect(cacheKey(pyodideVersion, sdkHash(edited))).not.toBe(key);
    expect(cacheKey('0.0.1', sdkHash(sources))).not.toBe(key);
  });
});
