import Editor from '@monaco-editor/react';
import { appStore, selectSource, useAppStore } from '../../store';
import { useColorScheme } from '../hooks/useColorScheme';
import { Pane } from '../layout/Pane';

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
} as const;

const onChange = (value: string | undefined) => appStore.getState().setSource(value ?? '');

/** The workflow source in Monaco, with Python highlighting. */
export function EditorPane() {
  const source = useAppStore(selectSource);
  const scheme = useColorScheme();
  return (
    <Pane title="Editor · workflow.py" flush>
      <Editor
        defaultLanguage="python"
        value={source}
        onChange={onChange}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        options={OPTIONS}
        loading={<p className="empty">Loading editor…</p>}
      />
    </Pane>
  );
}
