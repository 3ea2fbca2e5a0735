import { startTransition, useEffect, useState } from 'react';

/** Once true for the page: later mounts (e.g. the workbench re-laid for a lesson) render everything at once. */
let passed = false;

/**
 * False on the page's first render, then true in a second pass right after it: the first commit holds only
 * what makes the editor typable (toolbar, editor, status bar, empty panes), so it comes sooner; the graph (its
 * analysis and layout), the instances, history and inspector follow in a transition, which React renders in
 * slices that yield to the browser, so keys typed meanwhile are taken (docs/start-up.md).
 */
export function useSecondPass(): boolean {
  const [ready, setReady] = useState(passed);
  useEffect(() => {
    if (ready) return;
    startTransition(() => {
      passed = true;
      setReady(true);
    });
  }, [ready]);
  return ready;
}
