/**
 * From the studio to Cloudflare and back: the deployable project export, share links, and the journal file
 * format. Pure TypeScript (no DOM, Node, storage or clock); imports src/analysis and src/engine types only.
 */

export {
  type CloudflareImport,
  type CloudflareImportOptions,
  type CloudflareParse,
  type CloudflareStop,
  FULL_OUTPUT_ENDPOINT,
  fullOutputRequest,
  looksLikeCloudflareInstance,
  parseCloudflareInstances,
} from './cloudflare-instance';
export {
  type BuildProjectParams,
  type BuildProjectResult,
  buildCloudflareProject,
  type CloudflareProject,
  type ExportError,
  PROJECT_FILES,
} from './cloudflare-project';
export { ENTRYPOINT_MARKER, type ExportedWorkflow } from './entry-template';
export { envJsonSchema } from './env-schema';
export {
  buildJournalFile,
  JOURNAL_FILE_FORMAT,
  JOURNAL_FILE_VERSION,
  type JournalFile,
  journalFileName,
  MAX_JOURNAL_FILE_CHARS,
  type ParseJournalResult,
  parseJournalFile,
  parseJournalValue,
  renameJournalInstance,
  serializeJournalFile,
} from './journal-file';
export {
  type JournalStoreEntry,
  type JournalStoreFile,
  type ParseJournalStoreResult,
  parseJournalStoreValue,
} from './journal-store-file';
export {
  formatMocksProblems,
  type MocksProblem,
  mocksJsonSchema,
  type ParseMocksResult,
  parseMocks,
  parseMocksText,
} from './mocks-schema';
export { workerNameFromFile, workerNameProblem } from './names';
export { COMPATIBILITY_DATE } from './project-files';
export { blankSecrets, type ShareableEnv, shareableEnv } from './share-env';
export {
  type DecodeShareResult,
  decodeShareLink,
  type EncodeShareResult,
  encodeShareLink,
  MAX_SHARE_ENV_BYTES,
  MAX_SHARE_LINK_CHARS,
  MAX_SHARE_MOCKS_BYTES,
  MAX_SHARE_PARAMS_BYTES,
  MAX_SHARE_SOURCE_BYTES,
  SHARE_LINK_VERSION,
  SHARE_PREFIX,
  type SharedWorkflow,
  type ShareLinkProblem,
  toStudioFileName,
} from './share-link';
export { describeForm, LEGACY_FORM_FLAG } from './worker-fit';
export { type ZipOptions, zipProject } from './zip';
