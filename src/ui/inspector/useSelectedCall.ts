import type { CallView } from '../../engine';
import { selectSelection, useAppStore } from '../../store';
import { useSelectedInstance } from '../data/SelectedInstanceProvider';
import { usePlan } from '../plan/usePlan';
import { inspect } from './inspect';

/** The journaled call the selection points at in the selected instance, if any. */
export function useSelectedCall(): CallView | null {
  const selection = useAppStore(selectSelection);
  const instance = useSelectedInstance();
  const { plan } = usePlan();
  const i = inspect(selection, plan, instance.status === 'ready' ? instance.view : null);
  return i.type === 'node' || i.type === 'call' ? i.call : null;
}
