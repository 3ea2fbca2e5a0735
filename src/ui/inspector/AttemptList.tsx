import type { AttemptView } from '../../engine';
import { formatClock, formatDuration } from '../format';
import { BindingCallList } from './BindingCallList';
import { ErrorView } from './ErrorView';
import { RequestList } from './RequestList';

/** Every attempt of a step: when it started, how long it took, its error, its requests, captured prints and binding calls. */
export function AttemptList({ attempts, now }: { attempts: AttemptView[]; now: number }) {
  return (
    <ol className="attempts" data-testid="attempts">
      {attempts.map((a) => (
        <li key={a.attempt} className={`attempt attempt--${a.outcome}`} data-testid="attempt">
          <div className="attempt__head">
            <span className="attempt__n">attempt {a.attempt}</span>
            <span className={`status-pill status-pill--${a.outcome}`}>{a.outcome}</span>
            <span>started {formatClock(a.startedAt)}</span>
            <span>
              {a.endedAt === null
                ? `${formatDuration(now - a.startedAt)} so far`
                : formatDuration(a.endedAt - a.startedAt)}
            </span>
            <span className="attempt__run">run {a.run}</span>
          </div>
          {a.error && <ErrorView error={a.error} />}
          {a.requests && a.requests.length > 0 && <RequestList requests={a.requests} />}
          {a.retryAt !== null && <p className="attempt__retry">next attempt at {formatClock(a.retryAt)}</p>}
          {a.logs.length > 0 && <pre className="attempt__logs">{a.logs.join('')}</pre>}
          {a.bindings && a.bindings.length > 0 && <BindingCallList calls={a.bindings} />}
        </li>
      ))}
    </ol>
  );
}
