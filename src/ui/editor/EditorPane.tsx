import Editor, { type OnMount } from '@monaco-editor/react';
import { useState } from 'react';
import { appStore, selectActiveFileId, selectSource, useAppStore } from '../../store';
import { useFiles } from '../files/useFiles';
import { useSaveState } from '../files/useSaveState';
import { useColorScheme } from '../hooks/useColorScheme';
import { EmptyState } from '../layout/EmptyState';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { ProjectShareActions } from '../share/ProjectShareActions';
import { LoadCodeButton } from './LoadCodeButton';
import { SaveStatus } from './SaveStatus';
import { type MountedEditor, useEditorBindings } from './useEditorBindings';

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

const onChange = (value: string | undefined) => appStore.getState().setSource(value ?? '');

/** The open workflow file in Monaco: Python highlighting, SDK completions, hovers and squiggles. */
export function EditorPane() {
  const source = useAppStore(selectSource);
  const fileId = useAppStore(selectActiveFileId);
  const save = useSaveState();
  const fileName = useFiles()?.find((f) => f.id === fileId)?.name;
  const scheme = useColorScheme();
  const [mounted, setMounted] = useState<MountedEditor | null>(null);
  const onMount: OnMount = (editor, monaco) => setMounted({ editor, monaco: monaco as MountedEditor['monaco'] });
  useEditorBindings(mounted);
  return (
    <Pane
      title={fileName ? `Editor · ${fileName}` : 'Editor'}
      label="Editor"
      flush
      actions={
        <>
          <SaveStatus state={save} />
          <LoadCodeButton />
          <ProjectShareActions />
        </>
      }
    >
      {save.status === 'load-failed' ? (
        <EmptyState title="Your files could not be read from IndexedDB">
          {save.error.name}: {save.error.message}
        </EmptyState>
      ) : fileId === null ? (
        <Loading
          what="Reading your workflow files from IndexedDB"
          since={save.status === 'loading' ? save.since : undefined}
        />
      ) : (
        <Editor
          className="nokey"
          path={`file:///${fileId}.py`}
          defaultLanguage="python"
          value={source}
          onChange={onChange}
          onMount={onMount}
          theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
          options={OPTIONS}
          loading={<Loading what="Loading the editor (Monaco, from this site)" />}
        />
      )}
    </Pane>
  );
}
