import { lazy, Suspense, useEffect } from 'react';
import { useRunNowCommand } from './actions/useRunNowCommand';
import { SelectedInstanceProvider } from './data/SelectedInstanceProvider';
import { DialogHost } from './dialogs/DialogHost';
import { getFilesController } from './files/files';
import { useSchemeSwitchWithoutFades } from './hooks/useSchemeSwitchWithoutFades';
import { useShortcuts } from './keyboard/useShortcuts';
import { usePrefetchLazyParts } from './layout/usePrefetchLazyParts';
import { Workbench } from './layout/Workbench';
import { useLearnLinks } from './learn/useLearnLinks';
import { Notices } from './notices/Notices';
import { useExecutorNotices } from './notices/useExecutorNotices';
import { PlanProvider } from './plan/PlanProvider';
import { openSharedFromLocation, useShareLinkOpener } from './share/useProjectShare';
import { StatusBar } from './status/StatusBar';
import { Toolbar } from './toolbar/Toolbar';
import './theme.css';
import './styles/base.css';
import './styles/panes.css';
import './styles/light-editor.css';
import './styles/pills.css';
import './styles/toolbar.css';
import './styles/graph.css';
import './styles/instances.css';
import './styles/history.css';
import './styles/inspector.css';
import './styles/dialogs.css';
import './styles/notices.css';
import './styles/mocks.css';
import './styles/summary.css';
import './styles/learn.css';
import './styles/env.css';

/** Commands without a component of their own: keyboard shortcuts and Ctrl/Cmd+Enter runs. */
function Commands() {
  useShortcuts();
  useRunNowCommand();
  useExecutorNotices();
  useShareLinkOpener();
  useLearnLinks();
  useSchemeSwitchWithoutFades();
  usePrefetchLazyParts();
  return null;
}

/** `?bench=graph&steps=N` renders the graph benchmark instead of the studio (bench/ui-graph.bench.ts). */
const BENCH = new URLSearchParams(window.location.search);

/** The graph benchmark page: in the dev server and the test build only (vite-plugins/no-test-hooks.ts). */
const GraphBench =
  import.meta.env.MODE === 'production'
    ? undefined
    : lazy(() => import('./bench/GraphBench').then((m) => ({ default: m.GraphBench })));

/** The studio: toolbar, the resizable workbench, the status bar, dialogs and notices. */
export function App() {
  if (GraphBench && BENCH.get('bench') === 'graph') {
    return (
      <Suspense fallback={null}>
        <GraphBench steps={Number(BENCH.get('steps') ?? 500)} />
      </Suspense>
    );
  }
  return <Studio />;
}

function Studio() {
  useEffect(() => {
    void getFilesController().load().then(openSharedFromLocation);
  }, []);
  return (
    <PlanProvider>
      <SelectedInstanceProvider>
        <div className="app">
          <Toolbar />
          <main className="app__main">
            <Workbench />
          </main>
          <StatusBar />
        </div>
        <Commands />
        <DialogHost />
        <Notices />
      </SelectedInstanceProvider>
    </PlanProvider>
  );
}
