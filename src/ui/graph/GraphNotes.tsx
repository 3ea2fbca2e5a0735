import type { WorkflowPlan } from '../../analysis';
import type { CallView, InstanceView } from '../../engine';
import { divergenceText, stepFormText } from './graph-notes-text';
import { InstanceFileNote } from './InstanceFileNote';

interface GraphNotesProps {
  plan: WorkflowPlan;
  view: InstanceView | null;
  instanceMatches: boolean;
  unmatched: CallView[];
  analysisMs: number;
}

const MAX_LISTED = 4;

/** Honest footnotes over the graph: syntax errors, an instance of another workflow, calls the code lacks. */
export function GraphNotes({ plan, view, instanceMatches, unmatched, analysisMs }: GraphNotesProps) {
  const names = unmatched.slice(0, MAX_LISTED).map((c) => `${c.name}#${c.count}`);
  const more = unmatched.length - names.length;
  const form = stepFormText(plan);
  return (
    <div className="graph__notes">
      {plan.syntaxErrors > 0 && (
        <p className="note note--warn">Syntax error in the code: the graph shows what could be parsed.</p>
      )}
      {view && !instanceMatches && <InstanceFileNote view={view} />}
      {view?.divergences.slice(-2).map((d) => (
        <p key={d.seq} className="note note--error" data-testid="graph-divergence">
          {divergenceText(d)}
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
      {form && (
        <p className="note note--muted" data-testid="step-form">
          {form}
        </p>
      )}
    </div>
  );
}
