import { useEffect, useState } from 'react';
import { appStore, selectSelectedInstanceId, useAppStore } from '../../store';
import { awaitedEventTypes } from '../actions/legality';
import { parseJsonField } from '../actions/run-params';
import { errorText } from '../actions/run-workflow';
import { useClient } from '../client/useClient';
import { useLiveInstance } from '../data/SelectedInstanceProvider';
import { settingsRepo } from '../data/studio-db';
import { usePlan } from '../plan/usePlan';
import { SAMPLES } from '../samples';
import { eventPayloadPrefill, type LastPayloads } from './event-prefill';

/** The payload text last sent per event type, across instances and reloads. */
const LAST_PAYLOADS_SETTING = 'event.lastPayloads';
const loadLastPayloads = () => settingsRepo.get<LastPayloads>(LAST_PAYLOADS_SETTING, {});
async function rememberPayload(type: string, payload: string): Promise<void> {
  await settingsRepo.set(LAST_PAYLOADS_SETTING, { ...(await loadLastPayloads()), [type]: payload });
}

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
  const [lastSent, setLastSent] = useState<LastPayloads>({});
  // null until the user edits it: then the payload follows the type (last sent, this instance's, a sample's).
  const [edited, setPayload] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadLastPayloads().then((p) => live && setLastSent(p));
    return () => {
      live = false;
    };
  }, []);
  const prefill = eventPayloadPrefill(type, { lastSent, instanceEvents: view?.events ?? [], samples: SAMPLES });
  const payload = edited ?? prefill.text;
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
      await rememberPayload(type.trim(), payload).catch(() => {});
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
    prefill: edited === null ? prefill.source : null,
    payloadCheck,
    typeProblem,
    canSend,
    error,
    sending,
    submit,
  };
}
