/**
 * The `self.env` bindings an export declares: the KV namespaces, D1 databases, R2 buckets, vars and secrets of
 * the file's env declaration that its code uses (`self.env.NAME`, `env.NAME`, `getattr(self.env, "NAME")`),
 * under those names; ids the studio does not know become placeholders to fill in; secrets are never written —
 * the README says which `wrangler secret put` to run instead.
 */
import type { EnvDeclaration, Json, ResourceBinding } from '../engine';

export interface EnvExport {
  resources: ResourceBinding[];
  vars: Record<string, Json>;
  /** Secret names only: their values stay in the studio. */
  secrets: string[];
  /** Declared but not used by the code (left out). */
  unused: string[];
  /** Used by the code as `self.env.NAME` but neither declared nor a workflow binding. */
  undeclared: string[];
}

const USE = /\benv\.([A-Za-z_][A-Za-z0-9_]*)\b|getattr\(\s*(?:self\.)?env\s*,\s*["']([A-Za-z_][A-Za-z0-9_]*)["']/g;

/** The names the code reads from `self.env`. */
export function envNamesUsed(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(USE)) names.add((match[1] ?? match[2]) as string);
  return names;
}

/** What of `env` the export declares, for code `source` whose workflow bindings are `workflowBindings`. */
export function planEnvExport(env: EnvDeclaration, source: string, workflowBindings: readonly string[]): EnvExport {
  const used = envNamesUsed(source);
  const declared = [...env.resources.map((r) => r.binding), ...Object.keys(env.vars), ...Object.keys(env.secrets)];
  const known = new Set([...declared, ...workflowBindings]);
  return {
    resources: env.resources.filter((r) => used.has(r.binding)),
    vars: Object.fromEntries(Object.entries(env.vars).filter(([name]) => used.has(name))),
    secrets: Object.keys(env.secrets).filter((name) => used.has(name)),
    unused: declared.filter((name) => !used.has(name)),
    undeclared: [...used].filter((name) => !known.has(name) && /^[A-Z][A-Z0-9_]*$/.test(name)).sort(),
  };
}

const q = (value: string) => JSON.stringify(value);

/** A placeholder Cloudflare will refuse until it is replaced, saying how to get the value. */
const placeholder = (what: string) => `<${what}>`;

/** The `wrangler.jsonc` sections (each line indented two spaces, each ending with a comma), or ''. */
export function wranglerEnvSections(e: EnvExport): string {
  const parts: string[] = [];
  const kv = e.resources.filter((r) => r.kind === 'kv');
  if (kv.length > 0) {
    const items = kv.map(
      (r) =>
        `    // self.env.${r.binding}: npx wrangler kv namespace create ${r.binding}, then put its id here\n` +
        `    { "binding": ${q(r.binding)}, "id": ${q(r.id ?? placeholder(`${r.binding} namespace id`))} }`,
    );
    parts.push(`  "kv_namespaces": [\n${items.join(',\n')}\n  ],`);
  }
  const d1 = e.resources.filter((r) => r.kind === 'd1');
  if (d1.length > 0) {
    const items = d1.map((r) => {
      const name = r.name ?? r.binding.toLowerCase().replaceAll('_', '-');
      return (
        `    // self.env.${r.binding}: npx wrangler d1 create ${name}, then put its database_id here\n` +
        `    { "binding": ${q(r.binding)}, "database_name": ${q(name)}, "database_id": ${q(r.id ?? placeholder(`${name} database id`))} }`
      );
    });
    parts.push(`  "d1_databases": [\n${items.join(',\n')}\n  ],`);
  }
  const r2 = e.resources.filter((r) => r.kind === 'r2');
  if (r2.length > 0) {
    const items = r2.map((r) => {
      const bucket = r.id ?? r.binding.toLowerCase().replaceAll('_', '-');
      return (
        `    // self.env.${r.binding}: npx wrangler r2 bucket create ${bucket}\n` +
        `    { "binding": ${q(r.binding)}, "bucket_name": ${q(bucket)} }`
      );
    });
    parts.push(`  "r2_buckets": [\n${items.join(',\n')}\n  ],`);
  }
  if (Object.keys(e.vars).length > 0) {
    const items = Object.entries(e.vars).map(([name, value]) => `    ${q(name)}: ${JSON.stringify(value)}`);
    parts.push(`  "vars": {\n${items.join(',\n')}\n  },`);
  }
  if (e.secrets.length > 0) {
    parts.push(
      `  // Secrets (${e.secrets.join(', ')}) are not written here: set them with wrangler secret put (README).`,
    );
  }
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
}

/** The README's lines: one per binding, and one `wrangler secret put` per secret. */
export function readmeEnvLines(e: EnvExport): string[] {
  const lines: string[] = [];
  for (const r of e.resources) {
    if (r.kind === 'kv') {
      lines.push(
        `- \`self.env.${r.binding}\` (KV namespace): \`npx wrangler kv namespace create ${r.binding}\`, then put its id in \`wrangler.jsonc\`${r.id ? ' (the id declared in the studio is there now)' : ''}.`,
      );
    } else if (r.kind === 'd1') {
      const name = r.name ?? r.binding.toLowerCase().replaceAll('_', '-');
      lines.push(
        `- \`self.env.${r.binding}\` (D1 database \`${name}\`): \`npx wrangler d1 create ${name}\`, then put its \`database_id\` in \`wrangler.jsonc\`; create your tables with \`npx wrangler d1 execute ${name} --remote --command "CREATE TABLE …"\` (or let your code do it).`,
      );
    } else {
      const bucket = r.id ?? r.binding.toLowerCase().replaceAll('_', '-');
      lines.push(`- \`self.env.${r.binding}\` (R2 bucket): \`npx wrangler r2 bucket create ${bucket}\`.`);
    }
  }
  for (const name of Object.keys(e.vars))
    lines.push(`- \`self.env.${name}\` (var): its value is in \`wrangler.jsonc\` under \`vars\`.`);
  for (const name of e.secrets) {
    lines.push(
      `- \`self.env.${name}\` (secret, not exported): \`npx wrangler secret put ${name}\` (and in \`.dev.vars\` for \`pywrangler dev\`).`,
    );
  }
  return lines;
}
