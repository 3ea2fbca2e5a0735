/**
 * The env declaration (engine/env-declaration.ts: `parseEnvDeclaration` checks it and gives the messages the
 * studio shows) described in zod, for one purpose: `envJsonSchema()`, the JSON Schema of the Env dialog's
 * editor (completion, hovers and squiggles). It allows comments and trailing commas, as the declaration does.
 */
import { z } from 'zod';
import './zod-jitless';

const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
  .describe('The name in self.env: letters, digits, _ (e.g. "KV").');
const binding = (fields: Record<string, z.ZodOptional<z.ZodString>>) =>
  z.object({ binding: name, ...fields }).describe('One binding, as in wrangler.jsonc.');

const declaration = z.strictObject({
  kv_namespaces: z
    .array(binding({ id: z.string().optional().describe('The namespace id (a placeholder on export when absent).') }))
    .optional()
    .describe('KV namespaces: get, put, delete, list, with metadata and expiration.'),
  d1_databases: z
    .array(
      binding({
        database_name: z.string().optional().describe('The database name.'),
        database_id: z.string().optional().describe('The database id (a placeholder on export when absent).'),
      }),
    )
    .optional()
    .describe('D1 databases: real SQLite (prepare, bind, first, all, run, batch, exec).'),
  r2_buckets: z
    .array(binding({ bucket_name: z.string().optional().describe('The bucket name.') }))
    .optional()
    .describe('R2 buckets: get, put, head, delete, list.'),
  vars: z.record(name, z.json()).optional().describe('Plain values: NAME → any JSON.'),
  secrets: z
    .record(name, z.string())
    .optional()
    .describe('NAME → text, masked on screen; a share link carries the names only, an export none.'),
});

let jsonSchema: Record<string, unknown> | undefined;

/** The env declaration as JSON Schema (draft 2020-12), comments and trailing commas allowed. */
export function envJsonSchema(): Record<string, unknown> {
  jsonSchema ??= {
    ...(z.toJSONSchema(declaration, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    allowComments: true,
    allowTrailingCommas: true,
  };
  return jsonSchema;
}
