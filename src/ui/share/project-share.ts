/**
 * The studio's way out to Cloudflare and back in: export the open file as a deployable project, copy a share
 * link for it, and open a share link found in the page's URL fragment. The work is in src/export (pure,
 * validated with zod); this module only wires it to files, settings, downloads and notices.
 */

import { type Json, parseEnvDeclaration } from '../../engine';
import {
  blankSecrets,
  buildCloudflareProject,
  decodeShareLink,
  describeForm,
  encodeShareLink,
  toStudioFileName,
  zipProject,
} from '../../export';
import type { Notice } from '../../store';
import { parseParams } from '../actions/run-params';
import { loadLastRun, saveLastRun } from '../actions/run-settings';
import { withoutAllowNet } from '../mocks/mocks-text';

type Notify = (notice: Omit<Notice, 'id'>) => void;

/** Builds the project zip of `source`; returns the download, or reports why it can't be exported. */
export function exportProject(
  file: { name: string; source: string; env?: string | undefined },
  deps: { notify: Notify; download(name: string, data: Uint8Array, type: string): void },
): boolean {
  // The file's env (secrets included) goes in; the export writes only what the code uses, and never a secret.
  const env = parseEnvDeclaration(file.env ?? '');
  if (!env.ok) {
    deps.notify({ tone: 'error', title: 'Export failed', detail: `The file's env is not valid: ${env.message}.` });
    return false;
  }
  const project = buildCloudflareProject({
    source: file.source,
    fileName: file.name,
    ...(file.env ? { env: env.env } : {}),
  });
  if (!project.ok) {
    deps.notify({ tone: 'error', title: 'Export failed', detail: project.message });
    return false;
  }
  deps.download(
    `${project.projectName}.zip`,
    zipProject(project.files, { folder: project.projectName }),
    'application/zip',
  );
  const bindings = project.workflows.map((w) => `self.env.${w.binding} → ${w.className}`).join(', ');
  deps.notify({
    tone: project.warnings.length > 0 ? 'warning' : 'info',
    title: `Exported ${project.projectName}.zip`,
    detail: [
      `Deploy with: uv run pywrangler deploy. Bindings: ${bindings}.`,
      describeForm(project.stepForm),
      ...project.notes,
      ...project.warnings,
    ].join('\n'),
  });
  return true;
}

/**
 * Makes a share link of the open file with its last Run params, its mocks and its env declaration (secret values
 * blanked by the link itself); copies it when the clipboard allows.
 */
export async function shareLink(
  file: { id: string; name: string; source: string; mocks?: string; env?: string },
  deps: { notify: Notify; baseUrl: string; copy(text: string): Promise<void> },
): Promise<string | null> {
  const params = parseParams((await loadLastRun(file.id)).params);
  const encoded = encodeShareLink({
    name: file.name,
    source: file.source,
    ...(params.ok && !isEmptyObject(params.value) ? { params: params.value as Json } : {}),
    ...(file.mocks === undefined ? {} : { mocks: file.mocks }),
    ...(file.env === undefined ? {} : { env: file.env }),
  });
  if (!encoded.ok) {
    deps.notify({ tone: 'error', title: 'Cannot make a share link', detail: encoded.message });
    return null;
  }
  const url = `${deps.baseUrl}#${encoded.fragment}`;
  const copied = await deps.copy(url).then(
    () => true,
    () => false,
  );
  deps.notify({
    tone: 'info',
    title: copied ? 'Share link copied' : 'Share link ready (copy it from here)',
    detail: url,
    // Not copied: the link is only here, so the notice waits for the user.
    ...(copied ? {} : { sticky: true }),
  });
  return url;
}

/**
 * Opens the workflow a share link carries as a new file (never overwriting one) with its params for Run, its mocks
 * and its env declaration; the notice names the secrets the link left blank, for the receiver to fill in.
 */
export async function openShareLink(
  hash: string,
  deps: {
    notify: Notify;
    createFile(name: string, source: string): Promise<{ id: string; name: string }>;
    saveMocks(fileId: string, mocks: string): Promise<void>;
    saveEnv(fileId: string, env: string): Promise<void>;
    clearHash(): void;
  },
): Promise<boolean> {
  const decoded = decodeShareLink(hash);
  if (!decoded.ok) {
    if (decoded.problem !== 'absent') {
      deps.notify({ tone: 'error', title: 'Could not open the share link', detail: decoded.message });
      deps.clearHash();
    }
    return false;
  }
  const { name, source, params, env } = decoded.shared;
  // A link never opens the network: the origins its mocks ask for are shown, not kept.
  const { text: mocks, dropped } =
    decoded.shared.mocks === undefined ? { text: undefined, dropped: [] } : withoutAllowNet(decoded.shared.mocks);
  const file = await deps.createFile(toStudioFileName(name), source);
  if (mocks !== undefined) await deps.saveMocks(file.id, mocks);
  if (env !== undefined) await deps.saveEnv(file.id, env);
  const blank = env === undefined ? [] : blankSecrets(env);
  if (params !== undefined) {
    await saveLastRun(file.id, { params: JSON.stringify(params, null, 2), id: '', workflowName: null });
  }
  deps.clearHash();
  deps.notify({
    tone: 'info',
    title: `Opened a shared workflow as ${file.name}`,
    detail: [
      params === undefined ? 'Your other files are untouched.' : 'Its params are in the Run dialog.',
      ...(mocks === undefined ? [] : ['It came with mocks: see its Mocks panel.']),
      ...(dropped.length === 0
        ? []
        : [
            `Its mocks asked to reach ${dropped.join(', ')} ("allowNet"): not kept, as a link may not open the network. Add them in the Mocks panel if you trust this link.`,
          ]),
      ...(env === undefined ? [] : ['It came with bindings: see Env & bindings.']),
      ...(blank.length === 0
        ? []
        : [`Share links never carry secret values: fill in ${blank.join(', ')} in Env & bindings before you run it.`]),
    ].join(' '),
    // Origins dropped or secrets to fill in: the notice waits for the user.
    ...(dropped.length === 0 ? {} : { tone: 'warning' as const }),
    ...(dropped.length === 0 && blank.length === 0 ? {} : { sticky: true }),
  });
  return true;
}

const opening = new Map<string, Promise<boolean>>();

/**
 * `openShareLink`, once per link at a time: a second call for the fragment being opened (React runs the
 * opening effect twice in development; a `hashchange` may come too) waits for the first and opens nothing —
 * no duplicate file, no "A file named … already exists". Resolves with whether this call opened it.
 */
export function openShareLinkOnce(hash: string, deps: Parameters<typeof openShareLink>[1]): Promise<boolean> {
  const running = opening.get(hash);
  if (running) return running.then(() => false);
  const opened = openShareLink(hash, deps).finally(() => opening.delete(hash));
  opening.set(hash, opened);
  return opened;
}

const isEmptyObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
