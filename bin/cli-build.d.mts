/** Types of bin/cli-build.mjs (plain JavaScript, run before any TypeScript loader), for its tests. */
export interface CompiledCliOptions {
  /** The folder source paths are recorded relative to (default: the repository). */
  root?: string;
  /** The module bundled (default: src/cli/main.ts). */
  entry?: string;
  /** Where the bundle and its list of inputs go (default: node_modules/.cache/workflow-studio/cli). */
  dir?: string;
}

/** The compiled CLI's file URL, built first when missing or stale; undefined when it cannot be had. */
export function compiledCli(options?: CompiledCliOptions): Promise<string | undefined>;
