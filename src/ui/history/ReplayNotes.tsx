import { useEffect, useState } from 'react';
import type { InstanceView, ReplayNote } from '../../engine';
import { useClient } from '../client/useClient';

const NONE: ReplayNote[] = [];

/**
 * The instance's replay notes, asked of the executor when it is shown and again whenever one of its runs ends
 * (the engine adds a run's notes as it journals the run's end), not on every journal write. Notes live in the
 * executor's memory only: none while it is not running.
 */
function useReplayNotes(id: string, endedRuns: number): ReplayNote[] {
  const client = useClient();
  const [notes, setNotes] = useState<{ id: string; notes: ReplayNote[] }>({ id, notes: NONE });
  // biome-ignore lint/correctness/useExhaustiveDependencies: endedRuns is the trigger (ask again after a run ended), not an input.
  useEffect(() => {
    if (!client) return;
    let current = true;
    client.replayNotes(id).then(
      (got) => {
        if (!current) return;
        // Keep the same array while nothing changed, so the pane does not re-render on every journal write.
        setNotes((prev) =>
          prev.id === id && JSON.stringify(prev.notes) === JSON.stringify(got) ? prev : { id, notes: got },
        );
      },
      () => {}, // no executor yet (or it restarts): keep what is shown; the next run's end asks again
    );
    return () => {
      current = false;
    };
  }, [client, id, endedRuns]);
  return notes.id === id ? notes.notes : NONE;
}

/**
 * What a replay after an edit did that Cloudflare does the same way but that changes behaviour (a step
 * inserted or reordered, a sleep or wait asked for with other arguments): one line per note, above the lanes.
 * A divergence has its own row in the lanes; these are not divergences.
 */
export function ReplayNotes({ view }: { view: InstanceView }) {
  const notes = useReplayNotes(view.id, view.runs.filter((r) => r.endedAt !== null).length);
  if (notes.length === 0) return null;
  return (
    <section className="replay-notes" data-testid="history-replay-notes" aria-label="Replay notes">
      <h3 className="replay-notes__head">
        Replay notes · what the edited code changed in this replay (Cloudflare replays it the same way)
      </h3>
      <ul className="replay-notes__list">
        {notes.map((n) => (
          <li key={`${n.run} ${n.kind} ${n.message}`} data-testid="replay-note" data-kind={n.kind}>
            <span className="replay-notes__run">run {n.run}</span> {n.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
