import type { editor } from 'monaco-editor';

/** What the light view holds when Monaco takes over: its text, selection (offsets), scroll and focus. */
export interface LightViewState {
  text: string;
  selectionStart: number;
  selectionEnd: number;
  backward: boolean;
  scrollTop: number;
  focused: boolean;
}

/** Reads a textarea's state for {@link handOff}. */
export function lightViewState(textarea: HTMLTextAreaElement): LightViewState {
  return {
    text: textarea.value,
    selectionStart: textarea.selectionStart,
    selectionEnd: textarea.selectionEnd,
    backward: textarea.selectionDirection === 'backward',
    scrollTop: textarea.scrollTop,
    focused: textarea.ownerDocument.activeElement === textarea,
  };
}

/**
 * Gives a just-mounted Monaco editor what the user did in the light view: the text (when it differs from what
 * Monaco was created with, e.g. keys typed while its chunk loaded), the cursor or selection, the scroll position
 * and the focus, so the next keystroke lands where the previous one did.
 */
export function handOff(target: editor.IStandaloneCodeEditor, light: LightViewState): void {
  const model = target.getModel();
  if (!model) return;
  if (model.getValue() !== light.text) {
    // An edit, not setValue: Monaco's undo then steps back over what was typed in the light view as one change.
    target.executeEdits('light-view', [{ range: model.getFullModelRange(), text: light.text }]);
  }
  const start = model.getPositionAt(light.selectionStart);
  const end = model.getPositionAt(light.selectionEnd);
  const [anchor, head] = light.backward ? [end, start] : [start, end];
  target.setSelection({
    selectionStartLineNumber: anchor.lineNumber,
    selectionStartColumn: anchor.column,
    positionLineNumber: head.lineNumber,
    positionColumn: head.column,
  });
  target.setScrollTop(light.scrollTop);
  if (light.focused) target.focus();
}
