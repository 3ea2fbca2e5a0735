/**
 * Performance marks of the page's start, set once per page (the first time each part is shown), read by the
 * start-up benchmark (bench/browser-start.bench.ts) and e2e/studio-ui-first.e2e.ts. On the page's clock: ms since
 * navigation.
 */

/**
 * The open file's code shown ready for typing: by the app shell (src/shell/) before any module ran, or without a
 * shell when the React light view mounted with the file.
 */
export const EDITOR_TYPABLE_MARK = 'studio:editor-typable';
/** The React light view mounted with the open file (it takes the app shell over, if there is one). */
export const LIGHT_VIEW_MARK = 'studio:light-view';
/** The graph pane committed with the open file's plan (its static analysis and layout). */
export const GRAPH_SHOWN_MARK = 'studio:graph-shown';
/** The instance list committed with the instances read from IndexedDB (or "No instances yet"). */
export const INSTANCES_SHOWN_MARK = 'studio:instances-shown';

/** Sets `name` unless the page has it already. */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}
