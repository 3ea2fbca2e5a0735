/**
 * A light read-and-type view of the open file, shown at once while Monaco (a chunk of several MB) loads: a plain
 * textarea in the editor's font and colours, with line numbers. What is typed goes to the store like Monaco's
 * edits; when Monaco mounts, `EditorPane` hands it this view's text, cursor, scroll and focus (`hand-off.ts`).
 */
import { type KeyboardEvent, type Ref, useEffect, useImperativeHandle, useRef } from 'react';
import { EDITOR_TYPABLE_MARK, LIGHT_VIEW_MARK, markOnce } from '../layout/start-marks';
import { LIGHT_TEXT_STYLE, lineNumbers } from './light-view-text';
import { indentOnTab } from './tab-indent';
import { useShellHandOver } from './useShellHandOver';

interface LightEditorProps {
  source: string;
  dark: boolean;
  onChange(value: string): void;
  ref: Ref<HTMLTextAreaElement>;
  /** The full editor's code could not load: this view is the editor for good (until a reload), not a stand-in. */
  fullEditorFailed?: boolean;
}

/** Tab indents by four spaces, as in Monaco, instead of leaving the editor. */
const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => indentOnTab(e, document);

export function LightEditor({ source, dark, onChange, ref, fullEditorFailed = false }: LightEditorProps) {
  const gutter = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => text.current as HTMLTextAreaElement);
  // The app shell (src/shell/) may have set the mark already, before any module ran.
  useEffect(() => {
    markOnce(EDITOR_TYPABLE_MARK);
    markOnce(LIGHT_VIEW_MARK);
  }, []);
  useShellHandOver(text, source, onChange);
  return (
    <div className={`light-editor${dark ? ' light-editor--dark' : ''}`} data-testid="light-editor">
      <div className="light-editor__gutter" ref={gutter} aria-hidden="true" style={LIGHT_TEXT_STYLE}>
        {lineNumbers(source)}
      </div>
      <textarea
        ref={text}
        className="light-editor__text"
        aria-label={
          fullEditorFailed
            ? 'Editor (plain editor: the full editor could not load)'
            : 'Editor (light view while the full editor loads)'
        }
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        style={LIGHT_TEXT_STYLE}
        value={source}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
