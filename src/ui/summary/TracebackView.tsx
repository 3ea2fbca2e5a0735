import { useMemo } from 'react';
import { useFiles } from '../files/useFiles';
import { openSourceLine } from './open-source-line';
import { parseTraceback } from './traceback';

/**
 * A Python traceback, verbatim, where every frame of a studio file is a link that moves the editor to its
 * line (opening the file if another is open). Frames of other files (the SDK, Python's own) stay text.
 */
export function TracebackView({ traceback, className }: { traceback: string; className: string }) {
  const files = useFiles();
  const lines = useMemo(() => parseTraceback(traceback), [traceback]);
  const byName = useMemo(() => new Map((files ?? []).map((f) => [f.name, f.id])), [files]);
  return (
    <pre className={className} data-testid="traceback">
      {lines.map((l, i) => {
        const fileId = l.kind === 'frame' ? byName.get(l.file) : undefined;
        const key = `${i}:${l.text}`;
        if (l.kind === 'text' || fileId === undefined) return <span key={key}>{`${l.text}\n`}</span>;
        const body = l.text.trimStart();
        return (
          <span key={key}>
            {l.text.slice(0, l.text.length - body.length)}
            <button
              type="button"
              className="trace-link"
              title={`Show ${l.file}, line ${l.line} in the editor`}
              data-testid="trace-link"
              data-line={l.line}
              onClick={() => void openSourceLine(fileId, l.line)}
            >
              {body}
            </button>
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
