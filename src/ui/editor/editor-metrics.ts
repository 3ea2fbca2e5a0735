/**
 * The editor's font and line metrics, shared by Monaco (`MonacoEditor.tsx`) and the light view that stands in for
 * it while Monaco loads (`LightEditor.tsx`), so the text does not move when one hands over to the other.
 */
export const EDITOR_FONT_FAMILY = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace";
export const EDITOR_FONT_SIZE = 13;
export const EDITOR_LINE_HEIGHT = 18;
/** Spaces a Tab inserts (Python's indent). */
export const EDITOR_TAB_SIZE = 4;
