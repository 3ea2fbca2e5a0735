/**
 * Checks for an imported journal (the UI validated the file already; the executor does not trust it) and the
 * summary row derived from its events, as the engine would have written it.
 */
import { type InstanceSummary, instanceIdProblem, type JournalEvent, summarizeJournal, WorkflowError } from '../engine';

/** The summary of `events`, or a `WorkflowError` saying why they are not one consistent journal. */
export function importedSummary(events: readonly JournalEvent[]): InstanceSummary {
  const first = events[0];
  if (first?.type !== 'instance-created') {
    throw new WorkflowError('Not imported: a journal starts with an "instance-created" event.');
  }
  const id = first.instanceId;
  const problem = instanceIdProblem(id);
  if (problem) throw new WorkflowError(`Not imported: the instance id is invalid: ${problem}.`);
  events.forEach((e, i) => {
    if (e.seq !== i + 1 || e.instanceId !== id || (i > 0 && e.type === 'instance-created')) {
      throw new WorkflowError(`Not imported: event ${i + 1} is not event ${i + 1} of instance "${id}".`);
    }
  });
  return summarizeJournal(events);
}
