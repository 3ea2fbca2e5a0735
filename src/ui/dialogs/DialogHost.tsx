import { lazy, type ReactNode } from 'react';
import { selectDialog, useAppStore } from '../../store';
import { LazyPart } from '../layout/LazyPart';
import { DeleteFileDialog } from './DeleteFileDialog';
import { DeleteInstancesDialog } from './DeleteInstancesDialog';
import { Dialog } from './Dialog';
import { FileNameDialog } from './FileNameDialog';
import { HelpDialog } from './HelpDialog';
import { RestartFromDialog } from './RestartFromDialog';
import { RunDialog } from './RunDialog';
import { SamplesDialog } from './SamplesDialog';
import { SendEventDialog } from './SendEventDialog';

/*
 * Dialogs opened now and then, each with code the first render does not need (the export module's schemas, the
 * Markdown renderer, the bindings browser): chunks of their own, fetched when opened, or ahead of that once the
 * studio has started (`prefetchLazyParts`).
 */
const loadEnvDialog = () => import('../env/EnvDialog');
const loadImportJournalDialog = () => import('../transfer/ImportJournalDialog');
const loadCloudflareReplaysDialog = () => import('../cloudflare/CloudflareReplaysDialog');
const loadSolutionDialog = () => import('../learn/SolutionDialog');
const EnvDialog = lazy(() => loadEnvDialog().then((m) => ({ default: m.EnvDialog })));
const ImportJournalDialog = lazy(() => loadImportJournalDialog().then((m) => ({ default: m.ImportJournalDialog })));
const CloudflareReplaysDialog = lazy(() =>
  loadCloudflareReplaysDialog().then((m) => ({ default: m.CloudflareReplaysDialog })),
);
const SolutionDialog = lazy(() => loadSolutionDialog().then((m) => ({ default: m.SolutionDialog })));

/** Fetches the lazy dialogs' chunks ahead of use. */
export const prefetchDialogs = () =>
  Promise.all([loadEnvDialog(), loadImportJournalDialog(), loadCloudflareReplaysDialog(), loadSolutionDialog()]);

/** A lazy dialog: until its chunk is there, its loading line (or its failure to load) in a dialog of its own. */
function LazyDialog({ title, children }: { title: string; children: ReactNode }) {
  return (
    <LazyPart
      what={`the ${title} dialog`}
      frame={(content) => (
        <Dialog title={title} testId="dialog-loading">
          {content}
        </Dialog>
      )}
    >
      {children}
    </LazyPart>
  );
}

/** Renders the open dialog, if any (one at a time). */
export function DialogHost() {
  const dialog = useAppStore(selectDialog);
  switch (dialog) {
    case null:
      return null;
    case 'run':
      return <RunDialog />;
    case 'send-event':
      return <SendEventDialog />;
    case 'samples':
      return <SamplesDialog />;
    case 'help':
      return <HelpDialog />;
    case 'new-file':
      return <FileNameDialog mode="new" />;
    case 'rename-file':
      return <FileNameDialog mode="rename" />;
    case 'delete-file':
      return <DeleteFileDialog />;
    case 'restart-from':
      return <RestartFromDialog />;
    case 'delete-instances':
      return <DeleteInstancesDialog />;
    case 'import-journal':
      return (
        <LazyDialog title="Import">
          <ImportJournalDialog />
        </LazyDialog>
      );
    case 'cloudflare-replays':
      return (
        <LazyDialog title="Cloudflare replays">
          <CloudflareReplaysDialog />
        </LazyDialog>
      );
    case 'lesson-solution':
      return (
        <LazyDialog title="Solution">
          <SolutionDialog />
        </LazyDialog>
      );
    case 'env':
      return (
        <LazyDialog title="Env & bindings">
          <EnvDialog />
        </LazyDialog>
      );
  }
}
