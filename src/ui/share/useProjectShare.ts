import { useCallback, useEffect } from 'react';
import { appStore, selectActiveFileId, useAppStore } from '../../store';
import { filesRepo } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { useFiles } from '../files/useFiles';
import { download } from '../transfer/download';

/**
 * The share and export code (with the export module's schemas, compression and zip) is a chunk of its own,
 * fetched when first used, not on the way to the studio's first render.
 */
export const loadProjectShare = () => import('./project-share');

/** The chunk did not load (the site was rebuilt since the page opened, or the network failed): say so. */
const chunkFailed = (title: string) => (e: unknown) =>
  notify({
    tone: 'error',
    title,
    detail: `Its code did not load (${e instanceof Error ? e.message : String(e)}). Reload the page; your files are kept.`,
  });

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
    const source = appStore.getState().source;
    loadProjectShare().then(
      ({ exportProject }) => exportProject({ name, source, env }, { notify, download }),
      chunkFailed('Export failed'),
    );
  }, [name, env]);
  const onShare = useCallback(() => {
    if (name === null || fileId === null) return;
    void (async () => {
      const stored = await filesRepo.get(fileId);
      const mocks = stored?.mocks;
      const env = stored?.env;
      const loaded = await loadProjectShare().catch(chunkFailed('Could not make a share link'));
      if (!loaded) return;
      await loaded.shareLink(
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
export async function openSharedFromLocation(): Promise<boolean> {
  // No fragment holds no share link: nothing to load.
  const hash = window.location.hash;
  if (hash === '' || hash === '#') return false;
  const loaded = await loadProjectShare().catch(chunkFailed('Could not open the share link'));
  if (!loaded) return false;
  return loaded.openShareLinkOnce(hash, {
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
