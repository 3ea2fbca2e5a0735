import { useState } from 'react';
import { appStore, selectSelectedInstanceId, useAppStore } from '../../store';
import { awaitedEventTypes } from '../actions/legality';
import { parseJsonField } from '../actions/run-params';
import { errorText } from '../actions/run-workflow';
import { useClient } from '../client/useClient';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { usePlan } from '../plan/usePlan';

/** Event types the code waits for anywhere (literal `event_type` arguments of wait_for_event). */
function plannedEventTypes(plan: ReturnType<typeof usePlan>['plan']): string[] {
  const types: string[] = [];
  for (const w of plan.workflows) {
    for (const n of w.nodes) {
      if (n.kind === 'wait_for_event' && typeof n.eventType?.value === 'string') types.push(n.eventType.value);
    }
  }
  return types;
}

/** The Send event dialog's state: type (offering what the instance waits for), payload, outcome. */
export function useSendEventDialog() {
  const id = useAppStore(selectSelectedInstanceId);
  const instance = useLiveInstance();
  const view = instance.status === 'ready' ? instance.view : null;
  const { plan } = usePlan();
  const client = useClient();
  const awaited = awaitedEventTypes(view);
  const offered = [...new Set([...awaited, ...plannedEventTypes(plan)])];
  const [type, setType] = useState(awaited[0] ?? '');
  const [payload, setPayload] = useState('{}');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const payloadCheck = parseJsonField(payload, 'Payload');
  const typeProblem = type.trim() === '' ? 'Event type must be a non-empty string' : null;
  const canSend = id !== null && client !== null && payloadCheck.ok && typeProblem === null && !sending;

  const submit = async () => {
    if (!canSend || id === null || client === null || !payloadCheck.ok) return;
    setSending(true);
    setError(null);
    try {
      await client.sendEvent(id, { type: type.trim(), payload: payloadCheck.value ?? {} });
      appStore.getState().closeDialog();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };

  return {
    id,
    view,
    awaited,
    offered,
    type,
    setType,
    payload,
    setPayload,
    payloadCheck,
    typeProblem,
    canSend,
    error,
    sending,
    submit,
  };
}
