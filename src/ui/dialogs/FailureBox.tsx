import type { RunFailure } from '../actions/run-workflow';

/** An error as the executor or Python worded it, with the traceback when there is one. Text only. */
export function FailureBox({ failure }: { failure: RunFailure }) {
  return (
    <div className="failure" role="alert" data-testid="failure">
      <p className="failure__title">{failure.title}</p>
      <p className="failure__message">{failure.message}</p>
      {failure.traceback && <pre className="failure__trace">{failure.traceback}</pre>}
    </div>
  );
}
