import { Component, type ReactNode, Suspense } from 'react';
import { Loading } from './Loading';

interface LazyPartProps {
  /** What the part is, as a user names it ("the Learn panel"). */
  what: string;
  /** What the loading line and the failure are shown in (e.g. a dialog of their own); the part's place if absent. */
  frame?: (content: ReactNode) => ReactNode;
  /** Shown while the chunk loads instead of the framed loading line (`null`: nothing, something else stands in). */
  fallback?: ReactNode;
  /** Told when the part cannot be shown (e.g. so what stands in for it can say it stays). */
  onFailed?(error: Error): void;
  children: ReactNode;
}

const inPlace = (content: ReactNode) => content;

/**
 * A part of the studio whose code is a chunk of its own (`React.lazy`), not on the way to the first render: while
 * the chunk loads it says what loads, and when the part cannot be shown (its chunk did not load — the site was
 * rebuilt since the page opened, or the network failed — or it threw) it says so in its place, instead of the
 * whole studio going blank.
 */
export function LazyPart({ what, frame = inPlace, fallback, onFailed, children }: LazyPartProps) {
  return (
    <PartBoundary what={what} frame={frame} onFailed={onFailed}>
      <Suspense fallback={fallback === undefined ? frame(<Loading what={`Loading ${what}`} />) : fallback}>
        {children}
      </Suspense>
    </PartBoundary>
  );
}

class PartBoundary extends Component<LazyPartProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onFailed?.(error instanceof Error ? error : new Error(String(error)));
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (this.props.frame ?? inPlace)(
      <p className="empty" role="alert" data-testid="part-failed">
        {capitalize(this.props.what)} could not be shown: {error.message}. Reload the page (a reload fetches the
        studio's code again); your files and instances are kept in this browser.
      </p>,
    );
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
