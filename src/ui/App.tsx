import { Workbench } from './layout/Workbench';
import { StatusBar } from './status/StatusBar';

/** The studio: the resizable workbench above the status bar. */
export function App() {
  return (
    <div className="app">
      <main className="app__main">
        <Workbench />
      </main>
      <StatusBar />
    </div>
  );
}
