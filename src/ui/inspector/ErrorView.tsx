import type { SerializedError } from '../../engine';

/** An error with its name, message, Python traceback and cause, as text. */
export function ErrorView({ error }: { error: SerializedError }) {
  return (
    <div className="error-view" data-testid="error-view">
      <p className="error-view__message">
        <strong>{error.name}</strong>: {error.message}
      </p>
      {error.traceback && <pre className="error-view__trace">{error.traceback}</pre>}
      {error.cause && (
        <div className="error-view__cause">
          <span className="error-view__caused">caused by</span>
          <ErrorView error={error.cause} />
        </div>
      )}
    </div>
  );
}
