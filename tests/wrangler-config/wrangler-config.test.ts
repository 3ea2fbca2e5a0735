/**
 * Issue #20 point 8: the `wrangler.jsonc` of every export case passes wrangler's own config reader (the check
 * `wrangler deploy` runs first) with no error and no warning, and says what the export meant (flags, bindings).
 * Only when wrangler cannot run here (no Node 22 for this platform, no npm registry) is each config checked
 * against wrangler's JSON schema instead (`config-schema.json` of the same version, vendored), and the run says so.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCloudflareProject } from '../../src/export';
import { schemaErrors } from '../../src/export/test-json-schema';
import { parseJsonc } from '../../src/export/test-utils';
import { EXPORT_CASES } from '../../src/export/test-worker-fit-cases';
import { openWranglerReader, type WranglerReader } from './wrangler';

const ORDER = readFileSync('src/export/__fixtures__/order_workflow.py', 'utf8');
const CASES: [string, string][] = [...Object.entries(EXPORT_CASES), ['order sample', ORDER]];
const SCHEMA = JSON.parse(readFileSync('src/export/__fixtures__/wrangler-config-schema.json', 'utf8'));

/** What a check found in one config: errors (refused) and warnings (accepted with a remark). */
interface Verdict {
  errors: string[];
  warnings: string[];
  config?: Record<string, unknown>;
}

let root: string;
let reader: WranglerReader | null = null;
let fallbackReason = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'wrangler-config-'));
  try {
    reader = await openWranglerReader();
  } catch (error) {
    fallbackReason = error instanceof Error ? error.message : String(error);
    console.warn(
      `wrangler could not run here (${fallbackReason}); checking the exported wrangler.jsonc against wrangler's JSON schema instead`,
    );
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes each project's files to a folder of its own and checks its wrangler.jsonc (wrangler, else the schema). */
async function check(projects: Record<string, string>[]): Promise<Verdict[]> {
  const paths = projects.map((files, i) => {
    const dir = join(root, `p${i}-${Math.random().toString(36).slice(2)}`);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return join(dir, 'wrangler.jsonc');
  });
  if (!reader) {
    return paths.map((p) => ({ errors: schemaErrors(SCHEMA, parseJsonc(readFileSync(p, 'utf8'))), warnings: [] }));
  }
  return (await reader.read(paths)).map((r) =>
    r.ok ? { errors: [], warnings: r.messages, config: r.config } : { errors: [r.error], warnings: r.messages },
  );
}

function exported(source: string): Record<string, string> {
  const project = buildCloudflareProject({ source, fileName: 'dag.py' });
  if (!project.ok) throw new Error(project.message);
  return project.files;
}

describe("the exported wrangler.jsonc, read by wrangler's own config reader", () => {
  it('accepts every export case of point 8 without an error or a warning, reading what the export wrote', async () => {
    const projects = CASES.map(([, source]) => exported(source));
    const verdicts = await check(projects);
    for (const [i, [name]] of CASES.entries()) {
      const written = parseJsonc(projects[i]?.['wrangler.jsonc'] as string) as Record<string, unknown>;
      expect({ name, ...verdicts[i], config: undefined }).toEqual({
        name,
        errors: [],
        warnings: [],
        config: undefined,
      });
      if (reader) {
        expect(verdicts[i]?.config).toMatchObject({
          name: written.name,
          compatibility_date: written.compatibility_date,
          compatibility_flags: written.compatibility_flags,
          workflows: written.workflows,
          observability: written.observability,
        });
      }
    }
  });

  it('refuses a broken config and warns on an unknown field (so the check above can fail)', async () => {
    const files = exported(EXPORT_CASES.implicit);
    const text = files['wrangler.jsonc'] as string;
    const [flagsString, unknownField] = await check([
      {
        ...files,
        'wrangler.jsonc': text.replace(
          '"compatibility_flags": ["python_workers"]',
          '"compatibility_flags": "python_workers"',
        ),
      },
      { ...files, 'wrangler.jsonc': text.replace('"workflows":', '"workflow":') },
    ]);
    if (reader) {
      expect(flagsString?.errors.join('\n')).toContain(
        'Expected "compatibility_flags" to be of type string array but got "python_workers".',
      );
      expect(unknownField?.errors).toEqual([]);
      expect(unknownField?.warnings.join('\n')).toContain('Unexpected fields found in top-level field: "workflow"');
    } else {
      expect(flagsString?.errors).toEqual(['$.compatibility_flags: expected array']);
      expect(unknownField?.errors).toContain('$.workflow: not allowed');
    }
  });
});
