/**
 * The CLI compiled to one plain-JavaScript file on first use, so later calls skip tsx (loading it and its
 * TypeScript hooks cost about a second a call). esbuild (tsx's own compiler, installed with it) bundles
 * src/cli/main.ts with every package left as an import, into `node_modules/.cache/workflow-studio/cli/`, next
 * to a list of the source files it was made from with their size and modification time; a call whose sources
 * differ (an edit, a checkout) builds it again. Files that locate themselves (`import.meta.url`) keep their own
 * location. Writes go to temporary files renamed into place, so parallel calls never load half a file.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = join(ROOT, 'src', 'cli', 'main.ts');
const DIR = join(ROOT, 'node_modules', '.cache', 'workflow-studio', 'cli');

/** "size:mtime" of a file, or undefined when it is gone. */
function stamp(file) {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Whether the bundle on disk was made from the sources as they are now (and by this Node). */
function fresh({ root, dir }) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  if (recorded?.node !== process.version || !recorded.files) return false;
  if (stamp(join(dir, 'main.mjs')) !== recorded.bundle) return false;
  for (const [file, was] of Object.entries(recorded.files)) if (stamp(join(root, file)) !== was) return false;
  return true;
}

/** esbuild, resolved from tsx (whose dependency it is), so the version matches what tsx runs. */
function esbuild() {
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  return fromTsx('esbuild');
}

/** `import.meta.url` in a source file becomes that file's own URL, so paths it derives still point into src/. */
const keepOwnLocation = {
  name: 'keep-own-location',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

async function build({ root, entry, dir }) {
  const result = await esbuild().build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [keepOwnLocation],
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error('esbuild produced no output');
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'main.mjs');
  writeAtomically(bundle, code);
  const files = {};
  // Metafile paths are relative to absWorkingDir (the root).
  for (const input of Object.keys(result.metafile.inputs)) files[input] = stamp(join(root, input));
  writeAtomically(join(dir, 'inputs.json'), JSON.stringify({ node: process.version, bundle: stamp(bundle), files }));
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/**
 * The URL of the compiled CLI, building it first when missing or stale; undefined when it cannot be had (no
 * esbuild, a read-only node_modules, …): the caller then runs the TypeScript through tsx, as before.
 */
export async function compiledCli({ root = ROOT, entry = ENTRY, dir = DIR } = {}) {
  try {
    if (!fresh({ root, dir })) await build({ root, entry, dir });
    return pathToFileURL(join(dir, 'main.mjs')).href;
  } catch {
    return undefined;
  }
}
