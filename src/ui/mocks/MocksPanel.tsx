import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { formatMocksProblems, parseMocksText } from '../../export';
import { filesRepo, studioDb } from '../data/studio-db';
import { AUTOSAVE_MS } from '../files/files';
import { Loading } from '../layout/Loading';
import { EMPTY_MOCKS_TEXT } from './mocks-text';

const MonacoMocks = lazy(() => import('../editor/MonacoEditor').then((m) => ({ default: m.MonacoMocks })));

/**
 * The open file's mocks (docs/mocks.md) in Monaco as JSON, with the schema's completion and squiggles, saved with
 * the file 400 ms after the last keystroke, and the problems the studio's check finds listed below, one per bad
 * rule (the same messages a run stops with, and the CLI's `--mocks`).
 */
export function MocksPanel({ fileId, dark, loading }: { fileId: string; dark: boolean; loading: ReactNode }) {
  const stored = useLiveQuery(async () => (await studioDb.files.get(fileId))?.mocks ?? null, [fileId]);
  const [text, setText] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The text shown: what the user typed here, else the stored text (another tab's or "Mock this request"'s edit).
  const shown = text ?? stored ?? EMPTY_MOCKS_TEXT;
  // A stored change while nothing typed here waits to be saved (one click on "Mock this request", another tab)
  // replaces the text shown.
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    setSeen(stored);
    if (pending.current === undefined && text !== null) setText(null);
  }
  const latest = useRef<string | null>(null);
  // Closing the panel (or switching files) within the quiet time saves what was typed at once.
  useEffect(
    () => () => {
      if (pending.current === undefined || latest.current === null) return;
      clearTimeout(pending.current);
      const last = latest.current;
      void filesRepo.saveMocks(fileId, last.trim() === '' ? '' : last).catch(() => {});
    },
    [fileId],
  );
  const problems = useMemo(() => {
    const parsed = parseMocksText(shown);
    return parsed.ok ? [] : formatMocksProblems(parsed.problems);
  }, [shown]);
  const onChange = (value: string | undefined) => {
    const next = value ?? '';
    latest.current = next;
    setText(next);
    setSaving(true);
    clearTimeout(pending.current);
    const timer = setTimeout(() => {
      filesRepo
        .saveMocks(fileId, next.trim() === '' ? '' : next)
        .then(
          () => setSaveError(null),
          (e: unknown) => setSaveError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          // A later keystroke has its own timer: only the last save ends "Saving…".
          if (pending.current !== timer) return;
          pending.current = undefined;
          setSaving(false);
        });
    }, AUTOSAVE_MS);
    pending.current = timer;
  };
  if (stored === undefined) return <Loading what="Reading the mocks from IndexedDB" />;
  return (
    <div className="mocks-panel" data-testid="mocks-panel">
      <div className="mocks-panel__editor">
        <Suspense fallback={loading}>
          <MonacoMocks fileId={fileId} text={shown} dark={dark} onChange={onChange} loading={loading} />
        </Suspense>
      </div>
      <div className="mocks-panel__status" role="status" data-testid="mocks-problems">
        <p className="mocks-panel__saved" data-testid="mocks-save">
          {saving ? 'Saving…' : saveError === null ? 'Saved with the file' : ''}
        </p>
        {saveError !== null ? (
          <p className="mocks-panel__problem">Not saved: {saveError}</p>
        ) : problems.length === 0 ? (
          <p className="mocks-panel__ok">
            Mocks are valid · used by the next run or ⟳ Load · URL patterns are globs (<code>*</code> matches anything)
          </p>
        ) : (
          <ul className="mocks-panel__problems">
            {problems.map((p) => (
              <li key={p} className="mocks-panel__problem" data-testid="mocks-problem">
                {p}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
