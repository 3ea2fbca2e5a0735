/**
 * `workflow-studio` entry point (started by bin/workflow-studio.mjs through tsx). Python runs in UTC, as on
 * Cloudflare Workers, so naive datetimes mean the same thing here and after export.
 */
import { loadNodePython } from '../runtime/node';
import { runCommand } from './commands';

process.env.TZ = 'UTC';

const code = await runCommand(
  process.argv.slice(2),
  { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  { python: (options) => loadNodePython(options), now: Date.now },
);
process.exitCode = code;
// Pyodide keeps handles open (its event loop); leave as soon as the output is written.
process.stdout.write('', () => process.exit(code));
