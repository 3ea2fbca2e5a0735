import type * as MonacoApi from 'monaco-editor';
import type { editor } from 'monaco-editor';
import { useContext, useEffect } from 'react';
import { appStore, selectActiveFileId, selectReveal, useAppStore } from '../../store';
import { PlanContext, usePlan } from '../plan/usePlan';
import { registerSdkLanguage } from './sdk-language';
import { toMarkers } from './to-markers';

const MARKER_OWNER = 'workflow-studio';

/** The mounted editor and the Monaco namespace it came from. */
export interface MountedEditor {
  editor: editor.IStandaloneCodeEditor;
  monaco: typeof MonacoApi;
}

/**
 * Wires a mounted editor to the studio: SDK completions and hovers, the analysis diagnostics as squiggles,
 * Ctrl/Cmd+Enter to run, and scrolling to a node's code when the graph asks.
 */
export function useEditorBindings(mounted: MountedEditor | null): void {
  const feed = useContext(PlanContext);
  const snapshot = usePlan();
  const activeFileId = useAppStore(selectActiveFileId);
  const reveal = useAppStore(selectReveal);

  useEffect(() => {
    if (!mounted || !feed) return;
    const { editor, monaco } = mounted;
    const language = registerSdkLanguage(monaco, () => feed.getSnapshot().plan);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => appStore.getState().requestRunNow());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () =>
      appStore.getState().openDialog('run'),
    );
    return () => language.dispose();
  }, [mounted, feed]);

  useEffect(() => {
    if (!mounted || snapshot.fileId !== activeFileId) return;
    const model = mounted.editor.getModel();
    if (model) mounted.monaco.editor.setModelMarkers(model, MARKER_OWNER, toMarkers(snapshot.plan.diagnostics));
  }, [mounted, snapshot, activeFileId]);

  useEffect(() => {
    if (!mounted || !reveal) return;
    // Cursor at the start of the range (selection made backwards), so a long call does not scroll sideways.
    mounted.editor.setSelection({
      selectionStartLineNumber: reveal.endLine,
      selectionStartColumn: reveal.endColumn,
      positionLineNumber: reveal.line,
      positionColumn: reveal.column,
    });
    mounted.editor.revealLinesInCenterIfOutsideViewport(reveal.line, reveal.endLine);
  }, [mounted, reveal]);
}
