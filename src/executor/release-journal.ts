/**
 * The executor's last act when the supervisor ends it while Python is busy: it lets go of the journal's log file.
 *
 * The file is exclusive (an OPFS sync access handle: the journal's single writer), and the browser frees it only
 * when the worker is gone. Chromium ends a worker that is still running script only 2 s after `terminate()`
 * (Blink's forcible-termination delay), so code that swallows `KeyboardInterrupt` would keep the next executor
 * from its journal for those 2 s. Before terminating, the supervisor writes `INTERRUPT.RELEASE_TOKEN` and
 * signals; Python's SIGINT handler, which still runs between the spinning code's bytecodes, closes the file here
 * and raises nothing. Any later write by this executor then fails instead of reaching the journal.
 */
import type { SyncFile } from '../persistence';
import { INTERRUPT } from '../protocol';
import type { InterruptSite } from '../runtime';

/** `decide` (the interrupt router's) with the release answered first; `file()` is the log's file, if open. */
export function releasingJournal(
  words: Int32Array,
  decide: (site: InterruptSite) => boolean,
  file: () => SyncFile | undefined,
): (site: InterruptSite) => boolean {
  return (site) => {
    if (Atomics.load(words, INTERRUPT.token) !== INTERRUPT.RELEASE_TOKEN) return decide(site);
    Atomics.store(words, INTERRUPT.token, 0);
    try {
      file()?.close();
    } catch {
      // Already closed: nothing holds it.
    }
    return false;
  };
}
