/**
 * Wrangler's own config reader for the exported `wrangler.jsonc`: wrangler (pinned with its integrity hashes in
 * bench/peer/wrangler/package-lock.json) is installed on first use with `npm ci` into bench/.out/peer/wrangler
 * (git-ignored; about 7 s and 230 MB, mostly workerd) and run by the Node 22 the peer benchmark installs, since
 * wrangler needs Node ≥ 22. It is not a devDependency: the studio does not need it, and it needs another Node.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureNode22, PEER_OUT, withInstallLock } from '../../bench/peer/node22';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const PINNED = join(here, '..', '..', 'bench', 'peer', 'wrangler');
const INSTALL_DIR = join(PEER_OUT, 'wrangler');
const INSTALL_TIMEOUT_MS = 240_000;

/** What wrangler said about one config file: its error (it refuses the file) and everything it logged. */
export type WranglerReading =
  | { ok: true; config: Record<string, unknown>; messages: string[] }
  | { ok: false; error: string; messages: string[] };

export interface WranglerReader {
  version: string;
  /** Reads each config file with `unstable_readConfig`, in one Node 22 process. */
  read(configPaths: string[]): Promise<WranglerReading[]>;
}

const pinnedVersion = (): string =>
  (JSON.parse(readFileSync(join(PINNED, 'package.json'), 'utf8')) as { dependencies: { wrangler: string } })
    .dependencies.wrangler;

function installedVersion(): string | null {
  const manifest = join(INSTALL_DIR, 'node_modules', 'wrangler', 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : null;
}

/** Wrangler's config reader, installing Node 22 and wrangler if needed; throws when either cannot be had. */
export async function openWranglerReader(): Promise<WranglerReader> {
  const { bin: node } = await ensureNode22();
  const version = pinnedVersion();
  // npm runs under Node 22 too (its `node` first on PATH), so wrangler's engines field is met.
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  if (installedVersion() !== version) {
    await withInstallLock(INSTALL_DIR, async () => {
      if (installedVersion() === version) return;
      mkdirSync(INSTALL_DIR, { recursive: true });
      for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(PINNED, f), join(INSTALL_DIR, f));
      await run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
        cwd: INSTALL_DIR,
        env,
        timeout: INSTALL_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      });
      if (installedVersion() !== version) throw new Error(`wrangler ${version} is not in ${INSTALL_DIR} after npm ci`);
    });
  }
  return {
    version,
    async read(configPaths) {
      const { stdout } = await run(node, [join(here, 'read-config.cjs'), INSTALL_DIR, ...configPaths], {
        env: { ...env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      const lines = stdout.trim().split('\n');
      if (lines.length !== configPaths.length)
        throw new Error(`wrangler read ${lines.length} of ${configPaths.length} configs:\n${stdout}`);
      return lines.map((line) => JSON.parse(line) as WranglerReading);
    },
  };
}
