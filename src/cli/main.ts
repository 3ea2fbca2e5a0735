/**
 * `workflow-studio` entry point (started by bin/workflow-studio.mjs, compiled on first use by bin/cli-build.mjs). Python runs in UTC, as on
 * Cloudflare Workers, so naive datetimes mean the same thing here and after export.
 */
import { loadNodePython, openSnapshotCache } from '../runtime/node';
import { runCommand } from './commands';

process.env.TZ = 'UTC';

const code = await runCommand(
  process.argv.slice(2),
  { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  {
    // Python starts from a memory snapshot kept on disk after the first start (src/runtime/node-snapshot-cache.ts).
    python: (options) =>
      loadNodePython({
        ...options,
        snapshots: openSnapshotCache({ note: (line) => process.stderr.write(`${line}\n`) }),
      }),
    now: Date.now,
  },
);
process.exitCode = code;
// Pyodide keeps handles open (its event loop); leave as soon as the output is written.
process.stdout.write('', () => process.exit(code));
