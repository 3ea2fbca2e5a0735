/**
 * `workflow-studio export FILE.py --out DIR`: writes the same Cloudflare project the studio's "Export project"
 * zips (src/export), ready for `uv run pywrangler deploy`.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildCloudflareProject, describeForm } from '../export';
import { BadInput, readWorkflowSource } from './bad-input';
import { parseCommandArgs, readProblem } from './command-args';
import { readEnvFile } from './env-file';
import type { CliIo } from './run-command';

export const EXPORT_USAGE = `Usage: workflow-studio export FILE.py --out DIR [--name WORKER_NAME] [--force] [--env FILE]

Writes a Cloudflare Python Worker project for the workflow file: wrangler.jsonc (one workflows binding per
WorkflowEntrypoint class, named as in the studio), pyproject.toml, src/entry.py (your file unchanged, plus an
HTTP entrypoint unless it has one) and README.md. The same files as the studio's "Export project".

  --out DIR           the directory to write (created if missing; must be empty unless --force)
  --name WORKER_NAME  the Worker's name; default: from the file name (order_flow.py -> order-flow)
  --force             write into a non-empty directory, replacing the project's files
  --env FILE          the file's env declaration (as for run --env): the KV, D1, R2 bindings and vars the
                      code uses go into wrangler.jsonc (ids you did not give are placeholders); secrets never
                      do (the README says which wrangler secret put to run)

Exit codes: 0 written, 2 bad input (unreadable file, syntax error, no WorkflowEntrypoint subclass, bad --out).`;

/** Checks `dir` can take the project: missing, an empty directory, or any directory with `force`. */
function checkOut(dir: string, force: boolean): void {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new BadInput(`--out ${dir} is a file; pass a directory`);
    entries = readdirSync(dir);
  } catch (e) {
    if (e instanceof BadInput) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BadInput(`cannot use --out ${dir}: ${readProblem(e)}`);
  }
  if (entries.length > 0 && !force) {
    throw new BadInput(
      `--out ${dir} is not empty; choose a new directory, or pass --force to replace the project's files in it`,
    );
  }
}

/** Writes the files; directories first, so a path that cannot be created fails before any file is written. */
function write(dir: string, files: Record<string, string>): void {
  const targets = Object.entries(files).map(([path, text]) => [join(dir, path), text] as const);
  let current = '';
  try {
    for (const [target] of targets) {
      current = target;
      mkdirSync(dirname(target), { recursive: true });
    }
    for (const [target, text] of targets) {
      current = target;
      writeFileSync(target, text);
    }
  } catch (e) {
    throw new BadInput(`cannot write ${current}: ${(e as Error).message}`);
  }
}

/** Runs `workflow-studio export <argv>`; returns the exit code. */
export async function runExportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    values: { '--out': '--out order-worker', '--name': '--name order-worker', '--env': '--env env.jsonc' },
    flags: ['--force'],
  });
  if (!args.ok) {
    io.stderr(`${args.message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${EXPORT_USAGE}\n`);
    return 0;
  }
  try {
    const [file, ...extra] = args.positional;
    if (file === undefined) throw new BadInput('missing workflow file: workflow-studio export FILE.py --out DIR');
    if (extra.length > 0) {
      throw new BadInput(`expected one workflow file, got ${args.positional.length}: ${args.positional.join(' ')}`);
    }
    const out = args.values.get('--out');
    if (out === undefined) {
      throw new BadInput('missing --out DIR: the directory to write the project to, e.g. --out order-worker');
    }
    const name = args.values.get('--name');
    const envFile = args.values.get('--env');
    const project = buildCloudflareProject({
      source: readWorkflowSource(file),
      fileName: basename(file),
      ...(name === undefined ? {} : { projectName: name }),
      ...(envFile === undefined ? {} : { env: readEnvFile(envFile) }),
    });
    if (!project.ok) throw new BadInput(project.message);
    checkOut(out, args.flags.has('--force'));
    write(out, project.files);
    for (const warning of project.warnings) io.stderr(`warning: ${warning}\n`);
    const entry = project.entrypoint.generated
      ? `your file + a generated ${project.entrypoint.className} WorkerEntrypoint`
      : `your file, with your ${project.entrypoint.className} WorkerEntrypoint`;
    const lines = [
      `Exported ${file} to ${out} (Worker "${project.projectName}"):`,
      ...Object.keys(project.files).map((path) => `  ${path}${path === 'src/entry.py' ? `  (${entry})` : ''}`),
      ...project.workflows.map((w) => `  workflow "${w.workflowName}": class ${w.className}, self.env.${w.binding}`),
      `  ${describeForm(project.stepForm)}`,
      ...project.notes.map((n) => `  ${n}`),
      `Next: cd ${out} && uv run pywrangler dev   (deploy: uv run pywrangler deploy)`,
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return 2;
  }
}
