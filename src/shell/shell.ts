/**
 * The app shell: a classic script that index.html loads before the page's entry module (built and referenced by
 * `vite-plugins/app-shell.ts`), so the editor shows the open file's code and takes typing before any of the
 * studio's modules (React, the UI bundle) has been fetched and run. It renders, over the spot where the editor
 * pane's text will be, the light view's markup with its own rules (the same classes and stylesheet as
 * `ui/editor/LightEditor.tsx`), sets the `studio:editor-typable` mark, and is taken over by the React editor when
 * it mounts (`ui/editor/useShellHandOver.ts`: text, selection, scroll and focus, then the shell is removed).
 * Whatever goes wrong here only means no shell: the React path works without it.
 */

import { STARTER_SOURCE } from '../store/editor-slice';
import { LIGHT_TEXT_STYLE, lineNumbers } from '../ui/editor/light-view-text';
import { indentOnTab } from '../ui/editor/tab-indent';
import { EDITOR_TYPABLE_MARK, markOnce } from '../ui/layout/start-marks';
import lightEditorCss from '../ui/styles/light-editor.css?raw';
import { spawnShellExecutor } from './early-executor';
import { shellContent } from './shell-content';
import { removeShell, SHELL_FILE_ATTR, SHELL_ID, SHELL_LABEL, SHELL_STYLE_ID } from './shell-state';

/**
 * Where the editor pane's text is in the default layout: below the toolbar (37 px) and the pane's title (30 px),
 * above the status bar (3 px padding twice, a 1 px border, one line of 12 px at line-height 1.45), and 32 % of
 * the width beside two 1 px separators (`ui/layout/Workbench.tsx`). `e2e/studio-shell.e2e.ts` checks that the
 * React light view lands on the same pixels.
 */
const SHELL_BOX_CSS = `#${SHELL_ID}{position:fixed;left:0;top:67px;bottom:calc(7px + 12px * 1.45);width:calc((100vw - 2px) * 0.32);z-index:10}`;

/** Renders the shell into `doc`; returns whether it did. */
function render(doc: Document, win: Window): boolean {
  // A lesson link opens the Learn panel beside the editor, which then sits elsewhere: no shell.
  if (win.location.hash.startsWith('#learn')) return false;
  const content = shellContent(win.localStorage, STARTER_SOURCE);
  if (!content || !doc.body) return false;
  const dark = win.matchMedia('(prefers-color-scheme: dark)').matches;

  const style = doc.createElement('style');
  style.id = SHELL_STYLE_ID;
  style.textContent = `${lightEditorCss}\n${SHELL_BOX_CSS}`;

  const root = doc.createElement('div');
  root.id = SHELL_ID;
  root.setAttribute(SHELL_FILE_ATTR, content.fileId ?? '');
  const view = doc.createElement('div');
  view.className = dark ? 'light-editor light-editor--dark' : 'light-editor';
  view.setAttribute('data-testid', 'shell-editor');
  const gutter = doc.createElement('div');
  gutter.className = 'light-editor__gutter';
  gutter.setAttribute('aria-hidden', 'true');
  Object.assign(gutter.style, LIGHT_TEXT_STYLE);
  gutter.textContent = lineNumbers(content.text);
  const area = doc.createElement('textarea');
  area.className = 'light-editor__text';
  area.setAttribute('aria-label', SHELL_LABEL);
  area.spellcheck = false;
  for (const [name, value] of [
    ['autocapitalize', 'off'],
    ['autocomplete', 'off'],
    ['autocorrect', 'off'],
    ['wrap', 'off'],
  ]) {
    area.setAttribute(name as string, value as string);
  }
  Object.assign(area.style, LIGHT_TEXT_STYLE);
  // defaultValue is what the React editor compares with what it shows (shell-state.ts).
  area.defaultValue = content.text;
  area.addEventListener('input', () => {
    gutter.textContent = lineNumbers(area.value);
  });
  area.addEventListener('scroll', () => {
    gutter.scrollTop = area.scrollTop;
  });
  area.addEventListener('keydown', (e) => indentOnTab(e, doc));
  view.append(gutter, area);
  root.append(view);
  doc.head.append(style);
  doc.body.append(root);
  return true;
}

// First: the executor worker's script and Python's start then load beside the page's modules (early-executor.ts).
// Apart from the editor: a failure of either leaves the other.
try {
  spawnShellExecutor(document.currentScript, window);
} catch {
  // main.tsx spawns the worker itself.
}

try {
  if (render(document, window)) markOnce(EDITOR_TYPABLE_MARK);
} catch {
  // No shell, rather than half of one: the React editor shows the code a little later.
  removeShell(document);
}
