import type { OnMount } from '@monaco-editor/react';
import { lazy, type ReactNode, useEffect, useRef, useState } from 'react';
import { appStore, selectActiveFileId, selectMocksOpen, selectSource, useAppStore } from '../../store';
import { useFiles } from '../files/useFiles';
import { useSaveState } from '../files/useSaveState';
import { useColorScheme } from '../hooks/useColorScheme';
import { EmptyState } from '../layout/EmptyState';
import { LazyPart } from '../layout/LazyPart';
import { Loading } from '../layout/Loading';
import { Pane } from '../layout/Pane';
import { ProjectShareActions } from '../share/ProjectShareActions';
import { ConflictView } from './ConflictView';
import { handOff, lightViewState } from './hand-off';
import { LightEditor } from './LightEditor';
import { LoadCodeButton } from './LoadCodeButton';
import { SaveStatus } from './SaveStatus';
import { type MountedEditor, useEditorBindings } from './useEditorBindings';
import { useMonacoMayLoad } from './useMonacoMayLoad';
import { useShellDropped } from './useShellHandOver';

/** Fetches Monaco's chunk (see MonacoEditor.tsx); the module is fetched and evaluated once. */
export const loadMonaco = () => import('./MonacoEditor');
const MonacoEditor = lazy(() => loadMonaco().then((m) => ({ default: m.MonacoEditor })));

/** Shown only when asked for (Mocks): a chunk of its own, with the mocks schema, loaded when first opened. */
export const loadMocksPanel = () => import('../mocks/MocksPanel');
const MocksPanel = lazy(() => loadMocksPanel().then((m) => ({ default: m.MocksPanel })));

/** Wires Monaco once mounted (the plan's squiggles: the light view before it needs no analysis). */
function EditorBindings({ mounted }: { mounted: MountedEditor }) {
  useEditorBindings(mounted);
  return null;
}

/** The Mocks panel's Monaco (JSON) shows this while its chunk loads. */
const editorLoading = <Loading what="Loading the editor (Monaco, from this site)" />;

/** Monaco's failure, in a line over the foot of the light view (which keeps the code and takes typing). */
const editorNote = (content: ReactNode) => <div className="editor-stack__note">{content}</div>;

const onChange = (value: string | undefined) => appStore.getState().setSource(value ?? '');

/**
 * The open workflow file in Monaco: Python highlighting, SDK completions, hovers and squiggles. Until Monaco has
 * mounted (its chunk waits while Python restores its snapshot: `useMonacoMayLoad`), a light view shows the code
 * and takes typing; Monaco then takes over its text, cursor, scroll and focus.
 */
export function EditorPane() {
  const source = useAppStore(selectSource);
  const fileId = useAppStore(selectActiveFileId);
  const save = useSaveState();
  const fileName = useFiles()?.find((f) => f.id === fileId)?.name;
  const scheme = useColorScheme();
  const mocksOpen = useAppStore(selectMocksOpen);
  const [mounted, setMounted] = useState<MountedEditor | null>(null);
  const [monacoFailed, setMonacoFailed] = useState(false);
  const light = useRef<HTMLTextAreaElement>(null);
  const onMount: OnMount = (editor, monaco) => {
    if (light.current) handOff(editor, lightViewState(light.current));
    setMounted({ editor, monaco: monaco as MountedEditor['monaco'] });
  };
  const monacoMayLoad = useMonacoMayLoad();
  // The app shell (src/shell/) stays over the pane while the files are read and until the light view takes it
  // over; when the pane shows something else instead (a load failure, a conflict, the mocks), it goes.
  useShellDropped(save.status !== 'load-failed' && save.status !== 'conflict' && !mocksOpen);
  // Fetched as soon as allowed, while the files may still be being read from IndexedDB.
  useEffect(() => {
    // A chunk that cannot load is reported by the LazyPart around the editor, not as an unhandled rejection.
    if (monacoMayLoad) loadMonaco().catch(() => undefined);
  }, [monacoMayLoad]);
  return (
    <Pane
      title={fileName ? `${mocksOpen ? 'Mocks' : 'Editor'} · ${fileName}` : 'Editor'}
      label="Editor"
      flush
      actions={
        <>
          <SaveStatus state={save} />
          <button
            type="button"
            className="pane-button"
            aria-pressed={mocksOpen}
            onClick={() => appStore.getState().setMocksOpen(!mocksOpen)}
            title={
              mocksOpen
                ? 'Back to the code'
                : "This file's mocks: HTTP answers, step results and scripted events for its runs (JSON)"
            }
            data-testid="action-mocks"
          >
            {mocksOpen ? '‹ Code' : 'Mocks'}
          </button>
          <LoadCodeButton />
          <ProjectShareActions />
        </>
      }
    >
      {mounted && <EditorBindings mounted={mounted} />}
      {save.status === 'load-failed' ? (
        <div className="load-failed">
          <EmptyState title="Your files could not be read from IndexedDB">
            {save.error.name}: {save.error.message}
          </EmptyState>
          {save.draft !== undefined && (
            <label className="load-failed__draft">
              What you typed was not saved: copy it from here before you reload.
              <textarea readOnly wrap="off" value={save.draft} spellCheck={false} data-testid="unsaved-draft" />
            </label>
          )}
        </div>
      ) : fileId === null && !(save.status === 'loading' && save.starter) ? (
        <Loading
          what="Reading your workflow files from IndexedDB"
          since={save.status === 'loading' ? save.since : undefined}
        />
      ) : save.status === 'conflict' && fileId !== null ? (
        <ConflictView
          fileId={fileId}
          fileName={fileName}
          mine={save.mine}
          theirs={save.theirs}
          dark={scheme === 'dark'}
        />
      ) : mocksOpen && fileId !== null ? (
        <LazyPart what="the Mocks panel">
          <MocksPanel key={fileId} fileId={fileId} dark={scheme === 'dark'} loading={editorLoading} />
        </LazyPart>
      ) : (
        <div className="editor-stack">
          {/* Not while a first visit's starter is still being created: Monaco's model is named by the file.
              While Monaco loads the light view stands in; if its chunk cannot load, the light view stays (the
              code, typing, autosave) and a line under it says why, instead of the whole studio going blank. */}
          {monacoMayLoad && fileId !== null && (
            <LazyPart
              what="the full editor (Monaco)"
              frame={editorNote}
              fallback={null}
              onFailed={() => setMonacoFailed(true)}
            >
              <MonacoEditor
                fileId={fileId}
                source={source}
                dark={scheme === 'dark'}
                onChange={onChange}
                onMount={onMount}
                loading={null}
              />
            </LazyPart>
          )}
          {mounted === null && (
            <LightEditor
              ref={light}
              source={source}
              dark={scheme === 'dark'}
              onChange={onChange}
              fullEditorFailed={monacoFailed}
            />
          )}
        </div>
      )}
    </Pane>
  );
}
