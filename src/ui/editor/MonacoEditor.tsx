/**
 * Monaco itself (~3.5 MB of the bundle), in a chunk of its own: `EditorPane` loads it lazily, so the rest of
 * the studio renders without waiting for it and its parsing does not hold up the first paint. Importing this
 * module configures @monaco-editor/react to use our bundled Monaco (`monaco-setup.ts`) before any editor
 * mounts.
 */

import Editor, { DiffEditor, type DiffOnMount, type OnMount } from '@monaco-editor/react';
import { type ReactNode, useEffect, useRef } from 'react';
import { EDITOR_FONT_FAMILY, EDITOR_FONT_SIZE, EDITOR_LINE_HEIGHT, EDITOR_TAB_SIZE } from './editor-metrics';
import { ENV_MODEL_SUFFIX, MOCKS_MODEL_SUFFIX } from './monaco-setup';

const OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  overviewRulerLanes: 0,
  overviewRulerBorder: false,
  hideCursorInOverviewRuler: true,
  fontFamily: EDITOR_FONT_FAMILY,
  fontSize: EDITOR_FONT_SIZE,
  lineHeight: EDITOR_LINE_HEIGHT,
  scrollBeyondLastLine: false,
  scrollBeyondLastColumn: 2,
  tabSize: EDITOR_TAB_SIZE,
  fixedOverflowWidgets: true,
} as const;

interface MonacoEditorProps {
  fileId: string;
  source: string;
  dark: boolean;
  onChange(value: string | undefined): void;
  onMount: OnMount;
  loading: ReactNode;
}

/** The open file in Monaco (Python), one model per file id. */
export function MonacoEditor({ fileId, source, dark, onChange, onMount, loading }: MonacoEditorProps) {
  return (
    <Editor
      className="nokey"
      path={`file:///${fileId}.py`}
      defaultLanguage="python"
      value={source}
      onChange={onChange}
      onMount={onMount}
      theme={dark ? 'vs-dark' : 'vs'}
      options={OPTIONS}
      loading={loading}
    />
  );
}

interface MonacoJsonProps {
  fileId: string;
  text: string;
  dark: boolean;
  onChange(value: string | undefined): void;
  loading: ReactNode;
}

/** A file's mocks document in Monaco (JSON, checked against the mocks JSON Schema: completion and squiggles). */
export function MonacoMocks({ fileId, text, dark, onChange, loading }: MonacoJsonProps) {
  return (
    <Editor
      className="nokey"
      path={`file:///mocks/${fileId}${MOCKS_MODEL_SUFFIX}`}
      defaultLanguage="json"
      value={text}
      onChange={onChange}
      theme={dark ? 'vs-dark' : 'vs'}
      options={{ ...OPTIONS, tabSize: 2 }}
      loading={loading}
    />
  );
}

/** A file's env declaration in Monaco (JSON with comments, checked against the env JSON Schema). */
export function MonacoEnv({ fileId, text, dark, onChange, loading }: MonacoJsonProps) {
  return (
    <Editor
      className="nokey"
      path={`file:///env/${fileId}${ENV_MODEL_SUFFIX}`}
      defaultLanguage="json"
      value={text}
      onChange={onChange}
      theme={dark ? 'vs-dark' : 'vs'}
      options={{ ...OPTIONS, tabSize: 2, ariaLabel: 'Env declaration (JSON with comments)' }}
      loading={loading}
    />
  );
}

interface MonacoDiffProps {
  fileId: string;
  /** Left, read-only: the text another tab saved. */
  original: string;
  /** Right, editable: this tab's text, where the user merges by hand. */
  modified: string;
  dark: boolean;
  onMount: DiffOnMount;
  loading: ReactNode;
  /** Both sides read-only (a diff to look at, not to merge in). */
  readOnly?: boolean;
}

/**
 * Two texts of one file in Monaco's diff editor (side by side, or inline when narrow); the modified one can be
 * edited. The wrapper would dispose the models before the diff editor on unmount, which Monaco reports as an
 * error ("TextModel got disposed before DiffEditorWidget model got reset"): it keeps them, and they are disposed
 * once the editor is.
 */
export function MonacoDiff({ fileId, original, modified, dark, onMount, loading, readOnly = false }: MonacoDiffProps) {
  const models = useRef<{ dispose(): void }[]>([]);
  useEffect(
    () => () => {
      const owned = models.current;
      setTimeout(() => {
        for (const model of owned) model.dispose();
      });
    },
    [],
  );
  const mount: DiffOnMount = (editor, monaco) => {
    const model = editor.getModel();
    if (model) models.current = [model.original, model.modified];
    onMount(editor, monaco);
  };
  return (
    <DiffEditor
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      className="nokey"
      originalModelPath={`file:///${fileId}.theirs.py`}
      modifiedModelPath={`file:///${fileId}.mine.py`}
      language="python"
      original={original}
      modified={modified}
      onMount={mount}
      theme={dark ? 'vs-dark' : 'vs'}
      options={{ ...OPTIONS, readOnly, originalEditable: false, renderSideBySide: true }}
      loading={loading}
    />
  );
}
