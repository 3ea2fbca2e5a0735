/**
 * Which files `workflow-studio test` runs: `test_*.py` under each folder given (recursively, skipping hidden
 * folders, `node_modules` and `__pycache__`), and each `.py` file given by name, in a stable order.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BadInput, readWorkflowSource } from './bad-input';
import { readProblem } from './command-args';

const TEST_FILE = /^test_.*\.py$/;
const SKIPPED = new Set(['node_modules', '__pycache__']);

/** The test files under `paths` (default `.`), sorted per path, each once. */
export function discoverTestFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const path of paths.length === 0 ? ['.'] : paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      throw new BadInput(
        `cannot read ${path}: ${readProblem(e)}; pass a test file or a folder holding test_*.py files`,
      );
    }
    if (isDir) found.push(...walk(path));
    else if (path.endsWith('.py')) found.push(path);
    else throw new BadInput(`${path} is not a Python file; pass a test_*.py file or a folder`);
  }
  return [...new Set(found)];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) out.push(...walk(path));
    } else if (entry.isFile() && TEST_FILE.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Whether the test `file::name` is selected by `-k PATTERN`: a case-insensitive substring of its id. */
export function matchesK(id: string, pattern: string | undefined): boolean {
  return pattern === undefined || id.toLowerCase().includes(pattern.toLowerCase());
}

/**
 * The conftest.py files that serve `file`, closest first: in its folder and each folder above it, up to the
 * folder given on the command line that holds it (the current folder when none does).
 */
export function conftestFiles(file: string, paths: readonly string[]): string[] {
  const roots = (paths.length === 0 ? ['.'] : paths).map((p) => resolve(p));
  const start = resolve(dirname(file));
  const root = roots.filter((r) => start === r || start.startsWith(`${r}/`)).sort((a, b) => a.length - b.length)[0];
  const found: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'conftest.py');
    if (existsSync(candidate)) found.push(candidate);
    if (root === undefined || dir === root || dirname(dir) === dir) break;
  }
  return found;
}

/** What `import NAME` in `testFile` finds next to it: `NAME.py` in the test file's folder. */
export function siblingFile(name: string, testFile: string): { filename: string; source: string } | undefined {
  const filename = join(dirname(testFile), `${name}.py`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !existsSync(filename)) return undefined;
  return { filename, source: readWorkflowSource(filename) };
}
