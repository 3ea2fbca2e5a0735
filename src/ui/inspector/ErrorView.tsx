import type { SerializedError } from '../../engine';
import { TracebackView } from '../summary/TracebackView';

/** An error with its name, message, Python traceback (frames link to the editor) and cause, as text. */
export function ErrorView({ error }: { error: SerializedError }) {
  return (
    <div className="error-view" data-testid="error-view">
      <p className="error-view__message">
        <strong>{error.name}</strong>: {error.message}
      </p>
      {error.traceback && <TracebackView traceback={error.traceback} className="error-view__trace" />}
      {error.cause && (
        <div className="error-view__cause">
          <span className="error-view__caused">caused by</span>
          <ErrorView error={error.cause} />
        </div>
      )}
    </div>
  );
}
