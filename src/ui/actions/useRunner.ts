import { useCallback } from 'react';
import { appStore } from '../../store';
import { useClient } from '../client/useClient';
import { getFilesController } from '../files/files';
import { storedMocks } from '../mocks/stored-mocks';
import { type RunOutcome, type RunRequest, runWorkflow } from './run-workflow';

const NO_CLIENT: RunOutcome = {
  ok: false,
  failure: {
    title: 'The executor is not connected',
    message: 'The page has no connection to the Python executor yet.',
  },
};

/** Runs the open file; on success selects the new instance so the graph follows it. */
export function useRunner(): (req: RunRequest) => Promise<RunOutcome> {
  const client = useClient();
  return useCallback(
    async (req) => {
      if (!client) return NO_CLIENT;
      const outcome = await runWorkflow(
        { client, saveOpenFile: () => getFilesController().flush(), mocksOf: storedMocks },
        req,
      );
      if (outcome.ok) appStore.getState().selectInstance(outcome.id);
      return outcome;
    },
    [client],
  );
}
