/**
 * Monaco from our own bundle, never from a CDN. @monaco-editor/react fetches Monaco from cdn.jsdelivr.net
 * unless `loader.config({ monaco })` is called, and offline the editor would then never mount.
 * Only the core editor, its features and the Python grammar are imported (the full entry adds ~10 MB of
 * language workers we don't use).
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/python/register';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });
