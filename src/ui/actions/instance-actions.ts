/** Toolbar actions on one instance, with the executor's error (verbatim) as a notice when one fails. */
import { appStore } from '../../store';
import type { RestartFrom, StudioClient } from '../client/studio-client';
import { errorText } from './run-workflow';

/** The actions that need no dialog. */
export type DirectAction = 'pause' | 'resume' | 'terminate' | 'restart' | 'skip-wait';

const VERBS: Record<DirectAction, string> = {
  pause: 'pause',
  resume: 'resume',
  terminate: 'terminate',
  restart: 'restart',
  'skip-wait': 'skip the wait of',
};

const notifyFailure = (what: string, e: unknown) =>
  appStore.getState().notify({ tone: 'error', title: `Could not ${what}`, detail: errorText(e) });

/** Calls the client for `action` on instance `id`; resolves true when the executor accepted it. */
export async function performAction(client: StudioClient, action: DirectAction, id: string): Promise<boolean> {
  try {
    switch (action) {
      case 'pause':
        await client.pause(id);
        break;
      case 'resume':
        await client.resume(id);
        break;
      case 'terminate':
        await client.terminate(id);
        break;
      case 'restart':
        await client.restart(id);
        break;
      case 'skip-wait':
        await client.skipWait(id);
        break;
    }
    return true;
  } catch (e) {
    notifyFailure(`${VERBS[action]} ${id}`, e);
    return false;
  }
}

/** Restarts `id` from a journaled call, keeping the results before it. */
export async function restartFrom(client: StudioClient, id: string, from: RestartFrom): Promise<string | null> {
  try {
    await client.restart(id, from);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/** Deletes instances; returns the error text, or null when done. Selection is cleared if it was deleted. */
export async function deleteInstances(client: StudioClient, ids: string[]): Promise<string | null> {
  try {
    await client.deleteInstances(ids);
    const s = appStore.getState();
    if (s.selectedInstanceId !== null && ids.includes(s.selectedInstanceId)) s.selectInstance(null);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/**
 * Links an instance without a file (imported without its source, or its file deleted) to `fileId` for good;
 * returns the error text, or null when done.
 */
export async function linkInstanceFile(client: StudioClient, id: string, fileId: string): Promise<string | null> {
  try {
    await client.linkInstanceFile(id, fileId);
    return null;
  } catch (e) {
    return errorText(e);
  }
}
