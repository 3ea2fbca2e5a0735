import type { WorkflowPlan } from '../../analysis';
import type { CallView, InstanceView } from '../../engine';
import { InstanceFileNote } from './InstanceFileNote';

interface GraphNotesProps {
  plan: WorkflowPlan;
  view: InstanceView | null;
  instanceMatches: boolean;
  unmatched: CallView[];
  analysisMs: number;
}

const MAX_LISTED = 4;
const KIND = { do: 'step', sleep: 'sleep', wait: 'wait' } as const;

/** Honest footnotes over the graph: syntax errors, an instance of another workflow, calls the code lacks. */
export function GraphNotes({ plan, view, instanceMatches, unmatched, analysisMs }: GraphNotesProps) {
  const names = unmatched.slice(0, MAX_LISTED).map((c) => `${c.name}#${c.count}`);
  const more = unmatched.length - names.length;
  return (
    <div className="graph__notes">
      {plan.syntaxErrors > 0 && (
        <p className="note note--warn">Syntax error in the code: the graph shows what could be parsed.</p>
      )}
      {view && !instanceMatches && <InstanceFileNote view={view} />}
      {view?.divergences.slice(-2).map((d) => (
        <p key={d.seq} className="note note--error" data-testid="graph-divergence">
          ⚠ Run {d.run} diverged from the journal: it expected {KIND[d.expected.kind]} “{d.expected.name}”
          {d.got ? `, the code asked for ${KIND[d.got.kind]} “${d.got.name}”` : ', the code issued no further call'}.
          The journaled call is orphaned{d.got ? ` and “${d.got.name}” ran as a new call` : ''}.
        </p>
      ))}
      {view && instanceMatches && unmatched.length > 0 && (
        <p className="note note--warn">
          Journaled calls not in the code: {names.join(', ')}
          {more > 0 ? ` and ${more} more` : ''} (the code changed since this instance ran).
        </p>
      )}
      <p className="note note--muted" data-testid="analysis-time">
        analysed in {analysisMs < 1 ? '<1' : Math.round(analysisMs)} ms
      </p>
    </div>
  );
}
