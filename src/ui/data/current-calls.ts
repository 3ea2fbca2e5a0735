/**
 * The calls an instance's current generation is made of. After `restart(from)` the calls before `from` are
 * kept but keep their old `generation` number, so "generation === view.generation" misses them; the runs of
 * the current generation list every call they executed or replayed, which is exactly the current set. Pure.
 */
import { type CallView, callKey, type InstanceView } from '../../engine';

const cache = new WeakMap<InstanceView, CallView[]>();

/**
 * The current generation's calls (kept ones included), in start order. Cached per view (views are immutable),
 * since the toolbar, graph and dialogs ask on every render, and a long journal's runs replay thousands of calls.
 */
export function currentCalls(view: InstanceView): CallView[] {
  const hit = cache.get(view);
  if (hit) return hit;
  // Never restarted: every call is of generation 0, and current.
  const calls = view.generation === 0 ? view.calls : computeCurrentCalls(view);
  cache.set(view, calls);
  return calls;
}

function computeCurrentCalls(view: InstanceView): CallView[] {
  const keys = new Set<string>();
  for (const run of view.runs) {
    if (run.generation !== view.generation) continue;
    for (const ref of run.executed) keys.add(callKey(ref));
    for (const ref of run.replayed) keys.add(callKey(ref));
  }
  const latest = new Map<string, CallView>();
  for (const c of view.calls) {
    const key = callKey(c);
    const seen = latest.get(key);
    if (c.generation === view.generation || keys.has(key)) {
      if (!seen || c.generation >= seen.generation) latest.set(key, c);
    }
  }
  return view.calls.filter((c) => latest.get(callKey(c)) === c);
}
