/**
 * Monaco itself (~3.5 MB of the bundle), in a chunk of its own: `EditorPane` loads it lazily, so the rest of
 * the studio renders without waiting for it and its parsing does not hold up the first paint. Importing this
 * module configures @monaco-editor/react to use our bundled Monaco (`monaco-setup.ts`) before any editor
 * mounts.
 */
import './monaco-setup';
import Editor, { type OnMount } from '@monaco-editor/react';
import type { ReactNode } from 'react';

const OPTIONS = {
  automaticLayout: true,
  minimap: { enabled: false },
  overviewRulerLanes: 0,
  overviewRulerBorder: false,
  hideCursorInOverviewRuler: true,
  fontSize: 13,
  scrollBeyondLastLine: false,
  scrollBeyondLastColumn: 2,
  tabSize: 4,
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
