import type { DiffOnMount } from '@monaco-editor/react';
import { lazy, Suspense, useRef } from 'react';
import { getFilesController } from '../files/files';
import { Loading } from '../layout/Loading';

const MonacoDiff = lazy(() => import('./MonacoEditor').then((m) => ({ default: m.MonacoDiff })));

interface ConflictViewProps {
  fileId: string;
  fileName: string | undefined;
  mine: string;
  theirs: { source: string; version: number };
  dark: boolean;
}

/**
 * Another tab saved the open file while this one had unsaved edits: both texts side by side (theirs left, mine
 * right and editable), and the choice — keep theirs, keep mine, or save the right side as merged by hand.
 * Nothing is saved until the user picks.
 */
export function ConflictView({ fileId, fileName, mine, theirs, dark }: ConflictViewProps) {
  const right = useRef<(() => string) | null>(null);
  const onMount: DiffOnMount = (editor) => {
    const modified = editor.getModifiedEditor();
    right.current = () => modified.getValue();
  };
  const resolve = (choice: 'theirs' | { text: string }) => void getFilesController().resolveConflict(choice);
  return (
    <div className="conflict" data-testid="edit-conflict">
      <div className="conflict__bar" role="alert">
        <p className="conflict__text">
          <strong>{fileName ?? 'This file'} was changed in another tab</strong> (version {theirs.version}) while you
          edited it here. Nothing is saved until you choose. Left: saved by the other tab. Right: your text — edit it to
          merge both.
        </p>
        <div className="conflict__actions">
          <button type="button" className="pane-button" onClick={() => resolve('theirs')}>
            Keep theirs
          </button>
          <button type="button" className="pane-button" onClick={() => resolve({ text: mine })}>
            Keep mine
          </button>
          <button
            type="button"
            className="pane-button pane-button--primary"
            onClick={() => resolve({ text: right.current?.() ?? mine })}
          >
            Save the right side
          </button>
        </div>
      </div>
      <div className="conflict__diff">
        <Suspense fallback={<Loading what="Loading the diff editor" />}>
          <MonacoDiff
            fileId={fileId}
            original={theirs.source}
            modified={mine}
            dark={dark}
            onMount={onMount}
            loading={<Loading what="Loading the diff editor" />}
          />
        </Suspense>
      </div>
    </div>
  );
}
