import type { LocksLike } from './types';

/** The Web Lock every studio tab asks for; its holder is the one tab that runs the executor. */
export const LEADER_LOCK = 'workflow-studio-executor';

/** What the election reports. `onLeader` fires at most once per election; the tab keeps the lock for life. */
export interface LeaderElectionDeps {
  locks: LocksLike;
  onLeader(): void;
  /** The lock is held by another tab: this tab follows (and takes over when that tab closes). */
  onFollower(): void;
  name?: string;
}

/**
 * Web Locks leader election: ask for the exclusive lock without waiting — granted means leader, refused means
 * follower, and a queued request then waits for the leader tab to close. The lock is held until `dispose()`
 * or the tab goes away (the browser releases it with the document), so exactly one tab leads at a time.
 */
export function electLeader(deps: LeaderElectionDeps): { dispose(): void } {
  const name = deps.name ?? LEADER_LOCK;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const abort = new AbortController();
  let disposed = false;
  let leading = false;

  const lead = async () => {
    if (disposed) return;
    leading = true;
    deps.onLeader();
    await held;
  };

  const swallowAbort = (error: unknown) => {
    if ((error as { name?: unknown } | null)?.name !== 'AbortError') console.error('Leader election failed:', error);
  };

  deps.locks
    .request(name, { mode: 'exclusive', ifAvailable: true }, async (lock) => {
      if (lock) return lead();
      if (disposed) return;
      deps.onFollower();
      // Queued: granted when the leader tab closes (or releases).
      void deps.locks.request(name, { mode: 'exclusive', signal: abort.signal }, lead).catch(swallowAbort);
    })
    .catch(swallowAbort);

  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      if (!leading) abort.abort();
      release();
    },
  };
}
