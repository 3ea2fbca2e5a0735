import './editor/monaco-setup';
import { Workbench } from './layout/Workbench';
import { StatusBar } from './status/StatusBar';
import './theme.css';

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
