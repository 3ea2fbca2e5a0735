import type { BindingCall } from '../../engine';

/** The `self.env` KV, D1 and R2 calls an attempt made, in order (journaled with it), failed ones with their error. */
export function BindingCallList({ calls }: { calls: BindingCall[] }) {
  return (
    <ol className="binding-calls" data-testid="binding-calls" aria-label="Binding calls">
      {calls.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: calls are a journaled list in order, never reordered
        <li key={i} className={c.ok ? 'binding-call' : 'binding-call binding-call--failed'} data-testid="binding-call">
          <span className="binding-call__op">{c.binding ? `${c.binding}.${c.op}` : c.op}</span>{' '}
          <span className="binding-call__target">{c.target}</span>
          {c.error && <span className="binding-call__error"> — {c.error}</span>}
        </li>
      ))}
    </ol>
  );
}
