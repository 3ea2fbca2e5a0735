/** Export of `self.env` bindings: declared under the code's names, ids as placeholders, secrets never written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvDeclaration } from '../engine';
import { buildCloudflareProject, type CloudflareProject } from './index';
import { schemaErrors } from './test-json-schema';
import { parseJsonc } from './test-utils';

const SCHEMA = JSON.parse(readFileSync('src/export/__fixtures__/wrangler-config-schema.json', 'utf8'));

const SOURCE = `from workers import WorkflowEntrypoint


class ChargeWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("charge")
        async def charge():
            if await self.env.IDEMPOTENCY.get(event["payload"]["key"]) is not None:
                return "already charged"
            await self.env.DB.prepare("INSERT INTO charges VALUES (?)").bind(1).run()
            await getattr(self.env, "RECEIPTS").put("r", "ok")
            return [self.env.CURRENCY, len(self.env.STRIPE_KEY), self.env.MISSING_ONE]

        return await charge()
`;

const ENV = `{
  "kv_namespaces": [{ "binding": "IDEMPOTENCY" }, { "binding": "UNUSED_KV", "id": "kv-unused" }],
  "d1_databases": [{ "binding": "DB", "database_name": "payments", "database_id": "d1-from-studio" }],
  "r2_buckets": [{ "binding": "RECEIPTS" }],
  "vars": { "CURRENCY": "EUR", "LIMITS": { "max": 3 } },
  "secrets": { "STRIPE_KEY": "sk_live_do_not_leak" }
}`;

function build(): CloudflareProject {
  const env = parseEnvDeclaration(ENV);
  if (!env.ok) throw new Error(env.message);
  const result = buildCloudflareProject({ source: SOURCE, fileName: 'charge.py', env: env.env });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('export with an env declaration', () => {
  it('declares the KV, D1, R2 bindings and vars the code uses, under its names, with placeholders for unknown ids', () => {
    const project = build();
    const wrangler = parseJsonc(project.files['wrangler.jsonc'] as string) as Record<string, unknown>;
    expect(wrangler.kv_namespaces).toEqual([{ binding: 'IDEMPOTENCY', id: '<IDEMPOTENCY namespace id>' }]);
    expect(wrangler.d1_databases).toEqual([
      { binding: 'DB', database_name: 'payments', database_id: 'd1-from-studio' },
    ]);
    expect(wrangler.r2_buckets).toEqual([{ binding: 'RECEIPTS', bucket_name: 'receipts' }]);
    expect(wrangler.vars).toEqual({ CURRENCY: 'EUR' });
    expect(wrangler.workflows).toEqual([
      { name: 'charge-workflow', binding: 'CHARGE_WORKFLOW', class_name: 'ChargeWorkflow' },
    ]);
    expect(schemaErrors(SCHEMA, wrangler)).toEqual([]);
    expect(schemaErrors(SCHEMA, { ...wrangler, kv_namespaces: [{ id: 'x' }] }).length).toBeGreaterThan(0);
    expect(project.notes).toContain(
      'Not declared in wrangler.jsonc, as the code does not use them: UNUSED_KV, LIMITS.',
    );
  });

  it('never writes a secret value: the README says to wrangler secret put it, one line per binding', () => {
    const project = build();
    for (const text of Object.values(project.files)) expect(text).not.toContain('sk_live_do_not_leak');
    const readme = project.files['README.md'] as string;
    expect(readme).toContain('npx wrangler secret put STRIPE_KEY');
    expect(readme).toContain('`self.env.IDEMPOTENCY` (KV namespace): `npx wrangler kv namespace create IDEMPOTENCY`');
    expect(readme).toContain('`self.env.DB` (D1 database `payments`): `npx wrangler d1 create payments`');
    expect(readme).toContain('`self.env.RECEIPTS` (R2 bucket): `npx wrangler r2 bucket create receipts`');
    expect(readme).toContain('`self.env.CURRENCY` (var)');
    expect(project.files['wrangler.jsonc']).toContain('Secrets (STRIPE_KEY) are not written here');
  });

  it('warns about self.env names the code uses but the env does not declare', () => {
    const project = build();
    expect(project.warnings).toContain(
      "The code uses self.env.MISSING_ONE, which the file's env does not declare; declare it (KV, D1, R2, var or secret) so the export can bind it.",
    );
  });

  it('writes no binding sections without an env declaration', () => {
    const result = buildCloudflareProject({ source: SOURCE, fileName: 'charge.py' });
    if (!result.ok) throw new Error(result.message);
    const wrangler = parseJsonc(result.files['wrangler.jsonc'] as string) as Record<string, unknown>;
    expect(Object.keys(wrangler)).toEqual([
      'name',
      'main',
      'compatibility_date',
      'compatibility_flags',
      'workflows',
      'observability',
    ]);
  });
});
