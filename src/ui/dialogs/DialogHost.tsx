import { selectDialog, useAppStore } from '../../store';
import { CloudflareReplaysDialog } from '../cloudflare/CloudflareReplaysDialog';
import { EnvDialog } from '../env/EnvDialog';
import { SolutionDialog } from '../learn/SolutionDialog';
import { ImportJournalDialog } from '../transfer/ImportJournalDialog';
import { DeleteFileDialog } from './DeleteFileDialog';
import { DeleteInstancesDialog } from './DeleteInstancesDialog';
import { FileNameDialog } from './FileNameDialog';
import { HelpDialog } from './HelpDialog';
import { RestartFromDialog } from './RestartFromDialog';
import { RunDialog } from './RunDialog';
import { SamplesDialog } from './SamplesDialog';
import { SendEventDialog } from './SendEventDialog';

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
      return <ImportJournalDialog />;
    case 'cloudflare-replays':
      return <CloudflareReplaysDialog />;
    case 'lesson-solution':
      return <SolutionDialog />;
    case 'env':
      return <EnvDialog />;
  }
}
