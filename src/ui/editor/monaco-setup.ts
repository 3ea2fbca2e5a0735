/**
 * Monaco from our own bundle, never from a CDN. @monaco-editor/react fetches Monaco from cdn.jsdelivr.net
 * unless `loader.config({ monaco })` is called, and offline the editor would then never mount.
 * Only the core editor, its features, the Python grammar and the JSON language (the Mocks panel and the Env
 * dialog: completion and squiggles from the mocks document's and the env declaration's JSON Schemas) are imported (the full entry adds ~10 MB of language workers
 * we don't use).
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/python/register';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { envJsonSchema, mocksJsonSchema } from '../../export';

/** Models whose path ends so are mocks documents (the Mocks panel's, `mocks/<fileId>.mocks.json`). */
export const MOCKS_MODEL_SUFFIX = '.mocks.json';
/** Models whose path ends so are env declarations (the Env dialog's, `env/<fileId>.env.json`). */
export const ENV_MODEL_SUFFIX = '.env.json';

self.MonacoEnvironment = { getWorker: (_id, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()) };
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [
    { uri: 'workflow-studio://mocks.schema.json', fileMatch: [`*${MOCKS_MODEL_SUFFIX}`], schema: mocksJsonSchema() },
    // Comments and trailing commas are allowed by the schema itself (as the declaration allows them).
    { uri: 'workflow-studio://env.schema.json', fileMatch: [`*${ENV_MODEL_SUFFIX}`], schema: envJsonSchema() },
  ],
});
loader.config({ monaco });
