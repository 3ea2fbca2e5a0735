import type { RequestRecord } from '../../engine';
import { selectSelectedInstanceId, useAppStore } from '../../store';
import { formatDuration } from '../format';
import { mockThisRequest } from '../mocks/mock-this-request';

const OUTCOME_TEXT: Record<RequestRecord['outcome'], string> = {
  mock: 'mock',
  network: 'network',
  blocked: 'blocked',
  'network-error': 'network error',
};

/** What answered: the mock rule's label, "network", or why there was no answer. */
function answeredBy(r: RequestRecord): string {
  if (r.outcome === 'mock') return `mock ${r.mock ?? ''}`.trim();
  if (r.outcome === 'network-error' && r.mock !== undefined) return `network error (mock ${r.mock})`;
  return OUTCOME_TEXT[r.outcome];
}

/**
 * The requests one attempt made, like a browser's network tab: method, URL, status (or blocked / network error),
 * duration and what answered. A blocked request offers "Mock this request".
 */
export function RequestList({ requests }: { requests: RequestRecord[] }) {
  const instanceId = useAppStore(selectSelectedInstanceId);
  return (
    <table className="requests" data-testid="requests">
      <thead>
        <tr>
          <th>method</th>
          <th>URL</th>
          <th>status</th>
          <th>time</th>
          <th>answered by</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a journaled list, never reordered
          <tr key={i} className={`requests__row requests__row--${r.outcome}`} data-testid="request-row">
            <td className="requests__method">{r.method}</td>
            <td className="requests__url" title={r.error ?? r.url}>
              {r.url}
            </td>
            <td>{r.status ?? OUTCOME_TEXT[r.outcome]}</td>
            <td>{formatDuration(r.ms)}</td>
            <td>
              {answeredBy(r)}
              {r.outcome === 'blocked' && instanceId !== null && (
                <button
                  type="button"
                  className="pane-button requests__mock"
                  onClick={() => void mockThisRequest(instanceId, r.method, r.url)}
                  title="Add a mock for this request (status 200, an empty JSON body) to the file's mocks and open them"
                  data-testid="mock-this-request"
                >
                  Mock this request
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
