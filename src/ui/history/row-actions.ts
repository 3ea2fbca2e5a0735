/** What clicking in the history does: select a call or an event, list a lane's replays, restart from a call. */
import { appStore, type CallSelection } from '../../store';

/** Shows the call in the inspector (and highlights it in the graph and here). */
export const selectCall = (call: CallSelection) => appStore.getState().select({ type: 'call', call });

/** Shows the sent event in the inspector. */
export const selectEvent = (seq: number) => appStore.getState().select({ type: 'event', seq });

/** Lists (or folds) the calls run `run` of the selected instance served from the journal. */
export function toggleReplays(run: number): void {
  const s = appStore.getState();
  if (s.selectedInstanceId !== null) s.toggleReplays(s.selectedInstanceId, run);
}

/** Opens "Restart from a step" with this call chosen (Cloudflare's `restart({from})`). */
export function restartFromCall(call: CallSelection): void {
  const s = appStore.getState();
  s.select({ type: 'call', call });
  s.openDialog('restart-from');
}

/** Right-click on a call of a read-only instance: says why there is no restart from it (`reason`). */
export function notRestartable(reason: string): void {
  appStore.getState().notify({ tone: 'info', title: 'No “restart from here” on this instance', detail: reason });
}
