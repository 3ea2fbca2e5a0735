/**
 * Share links: a workflow file (and optionally the params to run it with) compressed into the URL fragment, so
 * nothing is uploaded anywhere. The fragment is `share=<lz-string of {"v":1,"name","source","params"?,"mocks"?}>`
 * (`mocks`: the file's mocks text, docs/mocks.md, carried as written; it sends nothing anywhere, so a link's mocks
 * need no consent. An export never holds mocks; `env`: the file's env declaration with every secret's value blanked,
 * share-env.ts — names travel, values never do).
 * Decoding never throws: a link that is corrupt, oversize, or from another format version gets a message to
 * show as is; a fragment without `share=` is `absent` (not a share link at all, so say nothing). The decoded
 * name is one the studio's file list accepts; the UI creates the file under a free variant of it.
 */
import LZString from 'lz-string';
import { z } from 'zod';
import './zod-jitless';
import type { Json } from '../engine';
import { shareableEnv } from './share-env';
import { formatIssues } from './zod-issues';

/** The format version this studio writes and reads. */
export const SHARE_LINK_VERSION = 1;
/** Fragment prefix of a share link: `https://studio.example/#share=…`. */
export const SHARE_PREFIX = 'share=';
/** The most code a link carries, in UTF-8 bytes. */
export const MAX_SHARE_SOURCE_BYTES = 64 * 1024;
/** The most params a link carries, as JSON in UTF-8 bytes. */
export const MAX_SHARE_PARAMS_BYTES = 16 * 1024;
/** The most mocks text a link carries, in UTF-8 bytes. */
export const MAX_SHARE_MOCKS_BYTES = 32 * 1024;
/** The most env declaration text a link carries, in UTF-8 bytes. */
export const MAX_SHARE_ENV_BYTES = 16 * 1024;
/** The longest compressed part a link may have (64 KB of incompressible code is about 88 000 characters). */
export const MAX_SHARE_LINK_CHARS = 120_000;
/** The longest file name a link may carry. */
export const MAX_SHARE_NAME_LENGTH = 255;

/** What a share link carries. */
export interface SharedWorkflow {
  /** File name, e.g. `order_flow.py`. */
  name: string;
  source: string;
  /** Params for the Run dialog (`event["payload"]`). */
  params?: Json;
  /** The file's mocks text (docs/mocks.md), as the Mocks panel holds it. */
  mocks?: string;
  /**
   * The file's env declaration text (docs: Bindings). Given to {@link encodeShareLink} as stored, secrets included;
   * the link holds it with each secret's value blanked, and a decoded link has those blanks.
   */
  env?: string;
}

/** Result of {@link encodeShareLink}: the fragment (without `#`), or why the file cannot be shared. */
export type EncodeShareResult = { ok: true; fragment: string } | { ok: false; message: string };

/** Why a fragment could not be opened. */
export type ShareLinkProblem = 'absent' | 'corrupt' | 'too-large' | 'unsupported-version' | 'invalid';

/** Result of {@link decodeShareLink}. */
export type DecodeShareResult =
  | { ok: true; shared: SharedWorkflow }
  | { ok: false; problem: ShareLinkProblem; message: string };

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const nameProblem = (name: string): string | undefined => {
  if (name.trim() === '') return 'the file name is empty';
  if (name.length > MAX_SHARE_NAME_LENGTH) return `the file name is longer than ${MAX_SHARE_NAME_LENGTH} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) return 'the file name contains "/", "\\" or a control character';
  return undefined;
};

/**
 * A name the studio's file list accepts (`^[A-Za-z_][A-Za-z0-9_.-]{0,62}\.py$`, src/persistence/files-repo.ts):
 * other characters become `_`, so a link made elsewhere still opens (`My Order.py` → `My_Order.py`).
 */
export function toStudioFileName(name: string): string {
  let stem = name.replace(/\.py$/i, '').replace(/[^A-Za-z0-9_.-]/g, '_');
  if (stem === '') stem = 'shared';
  if (!/^[A-Za-z_]/.test(stem)) stem = `_${stem}`;
  return `${stem.slice(0, 63)}.py`;
}

const payloadSchema = z.strictObject({
  v: z.literal(SHARE_LINK_VERSION),
  name: z.string().superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: name });
  }),
  source: z.string(),
  params: z.json().optional(),
  mocks: z.string().optional(),
  env: z.string().optional(),
});

function sizeProblem(shared: SharedWorkflow, who: 'file' | 'link'): string | undefined {
  const sourceBytes = utf8Bytes(shared.source);
  if (sourceBytes > MAX_SHARE_SOURCE_BYTES) {
    return who === 'file'
      ? `${shared.name} is ${kb(sourceBytes)}; a share link holds at most 64 KB of code. Share the file itself, or export the project.`
      : `This share link holds ${kb(sourceBytes)} of code; share links hold at most 64 KB.`;
  }
  if (shared.params !== undefined) {
    const paramsBytes = utf8Bytes(JSON.stringify(shared.params));
    if (paramsBytes > MAX_SHARE_PARAMS_BYTES) {
      return `The params are ${kb(paramsBytes)} as JSON; a share link holds at most 16 KB of params.`;
    }
  }
  if (shared.mocks !== undefined && utf8Bytes(shared.mocks) > MAX_SHARE_MOCKS_BYTES) {
    return `The mocks are ${kb(utf8Bytes(shared.mocks))}; a share link holds at most 32 KB of mocks.`;
  }
  if (shared.env !== undefined && utf8Bytes(shared.env) > MAX_SHARE_ENV_BYTES) {
    return `The env declaration is ${kb(utf8Bytes(shared.env))}; a share link holds at most 16 KB of it.`;
  }
  return undefined;
}

/** Compresses a file (and params) into a fragment: `location.hash = result.fragment`. */
export function encodeShareLink(shared: SharedWorkflow): EncodeShareResult {
  const badName = nameProblem(shared.name);
  if (badName) return { ok: false, message: `Cannot share this file: ${badName}.` };
  if (shared.params !== undefined && !z.json().safeParse(shared.params).success) {
    return {
      ok: false,
      message: 'Cannot share these params: they are not JSON (numbers must be finite; no functions or undefined).',
    };
  }
  let env: string | undefined;
  if (shared.env !== undefined && shared.env.trim() !== '') {
    const blanked = shareableEnv(shared.env);
    if (!blanked.ok)
      return { ok: false, message: `Cannot share this file: ${blanked.message}. Fix it in Env & bindings.` };
    env = blanked.text;
  }
  const tooLarge = sizeProblem({ ...shared, env }, 'file');
  if (tooLarge) return { ok: false, message: tooLarge };
  const payload = {
    v: SHARE_LINK_VERSION,
    name: shared.name,
    source: shared.source,
    ...(shared.params === undefined ? {} : { params: shared.params }),
    ...(shared.mocks === undefined || shared.mocks.trim() === '' ? {} : { mocks: shared.mocks }),
    ...(env === undefined ? {} : { env }),
  };
  const compressed = LZString.compressToEncodedURIComponent(JSON.stringify(payload));
  if (compressed.length > MAX_SHARE_LINK_CHARS) {
    return {
      ok: false,
      message: `${shared.name} does not compress into a share link (${compressed.length} characters; the maximum is ${MAX_SHARE_LINK_CHARS}). Share the file itself, or export the project.`,
    };
  }
  return { ok: true, fragment: `${SHARE_PREFIX}${compressed}` };
}

const CORRUPT = 'This share link is damaged and cannot be read. Was it cut off or changed when it was copied?';
const fail = (problem: ShareLinkProblem, message: string): DecodeShareResult => ({ ok: false, problem, message });

/** The compressed part of a URL, `#fragment` or bare fragment; undefined when it is not a share link. */
function compressedPart(input: string): string | undefined {
  const hash = input.indexOf('#');
  const fragment = hash >= 0 ? input.slice(hash + 1) : input;
  return fragment.startsWith(SHARE_PREFIX) ? fragment.slice(SHARE_PREFIX.length) : undefined;
}

/** Reads a share link: a whole URL, `location.hash`, or the fragment without `#`. Never throws. */
export function decodeShareLink(input: string): DecodeShareResult {
  let data = compressedPart(input.trim());
  if (data === undefined) return fail('absent', 'This link holds no shared workflow.');
  if (data.length > MAX_SHARE_LINK_CHARS) {
    return fail(
      'too-large',
      `This share link is ${data.length} characters long; share links are at most ${MAX_SHARE_LINK_CHARS}. It may have been pasted twice or built by hand.`,
    );
  }
  if (data.includes('%')) {
    try {
      data = decodeURIComponent(data);
    } catch {
      return fail('corrupt', CORRUPT);
    }
  }
  if (data === '' || !/^[A-Za-z0-9+\-$ ]*$/.test(data)) return fail('corrupt', CORRUPT);
  let payload: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(data);
    if (!text) return fail('corrupt', CORRUPT);
    payload = JSON.parse(text);
  } catch {
    return fail('corrupt', CORRUPT);
  }
  const version = (payload as { v?: unknown } | null)?.v;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || version === undefined) {
    return fail('corrupt', CORRUPT);
  }
  if (version !== SHARE_LINK_VERSION) {
    return fail(
      'unsupported-version',
      typeof version === 'number' && version > SHARE_LINK_VERSION
        ? `This share link was made by a newer Workflow Studio (link format ${version}); this one reads format ${SHARE_LINK_VERSION}. Reload the studio to update it.`
        : `This share link has an unknown format (${JSON.stringify(version)}); this studio reads format ${SHARE_LINK_VERSION}.`,
    );
  }
  const parsed = payloadSchema.safeParse(payload, { reportInput: true });
  if (!parsed.success)
    return fail('invalid', `This share link cannot be opened: ${formatIssues(parsed.error.issues)}.`);
  const { source, params, mocks, env } = parsed.data;
  const name = toStudioFileName(parsed.data.name);
  const shared: SharedWorkflow = {
    name,
    source,
    ...(params === undefined ? {} : { params: params as Json }),
    ...(mocks === undefined ? {} : { mocks }),
    ...(env === undefined ? {} : { env }),
  };
  const tooLarge = sizeProblem(shared, 'link');
  if (tooLarge) return fail('too-large', tooLarge);
  return { ok: true, shared };
}
