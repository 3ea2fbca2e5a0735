import { useCallback, useEffect } from 'react';
import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { filesRepo } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { download } from '../transfer/download';
import { exportProject, openShareLinkOnce, shareLink } from './project-share';

const notify = (n: Parameters<ReturnType<typeof appStore.getState>['notify']>[0]) => {
  appStore.getState().notify(n);
};

/** Export-project and share-link actions for the open file; `null` until the files have loaded. */
export function useProjectShare() {
  const fileId = useAppStore(selectActiveFileId);
  const file = useFiles()?.find((f) => f.id === fileId);
  const name = file?.name ?? null;
  const env = file?.env;
  const onExport = useCallback(() => {
    if (name === null) return;
    exportProject({ name, source: appStore.getState().source, env }, { notify, download });
  }, [name, env]);
  const onShare = useCallback(() => {
    if (name === null || fileId === null) return;
    void (async () => {
      const stored = await filesRepo.get(fileId);
      const mocks = stored?.mocks;
      const env = stored?.env;
      await shareLink(
        {
          id: fileId,
          name,
          source: appStore.getState().source,
          ...(mocks === undefined ? {} : { mocks }),
          ...(env === undefined ? {} : { env }),
        },
        {
          notify,
          baseUrl: window.location.origin + window.location.pathname,
          copy: (text) => navigator.clipboard.writeText(text),
        },
      );
    })();
  }, [fileId, name]);
  return { ready: name !== null, onExport, onShare };
}

/** Opens the share link in the URL fragment, if any, as a new file. Call once the files have loaded. */
export function openSharedFromLocation(): Promise<boolean> {
  return openShareLinkOnce(window.location.hash, {
    notify,
    createFile: (name, source) => getFilesController().create(name, source),
    saveMocks: (fileId, mocks) => filesRepo.saveMocks(fileId, mocks),
    saveEnv: (fileId, env) => filesRepo.saveEnv(fileId, env),
    clearHash: () => window.history.replaceState(null, '', window.location.pathname + window.location.search),
  });
}

/** Opens a share link pasted into the address bar of an already open studio (the fragment changes). */
export function useShareLinkOpener(): void {
  useEffect(() => {
    const open = () => void openSharedFromLocation();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}
