/**
 * How the light view draws its text and gutter, shared by the React light view (`LightEditor.tsx`) and the app
 * shell's editor (`src/shell/shell.ts`), so the text sits on the same pixels when one takes over from the other.
 */
import { EDITOR_FONT_FAMILY, EDITOR_FONT_SIZE, EDITOR_LINE_HEIGHT, EDITOR_TAB_SIZE } from './editor-metrics';

/** The gutter's and the textarea's font settings, as CSS strings (a React style and `Object.assign(el.style)`). */
export const LIGHT_TEXT_STYLE = {
  fontFamily: EDITOR_FONT_FAMILY,
  fontSize: `${EDITOR_FONT_SIZE}px`,
  lineHeight: `${EDITOR_LINE_HEIGHT}px`,
  tabSize: String(EDITOR_TAB_SIZE),
} as const;

/** The gutter's text for `text`: its line numbers, one a line. */
export function lineNumbers(text: string): string {
  const lines = text.split('\n').length;
  let out = '1';
  for (let i = 2; i <= lines; i++) out += `\n${i}`;
  return out;
}
