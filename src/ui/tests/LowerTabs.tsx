import { type KeyboardEvent, useRef, useState } from 'react';
import { InstancesPane } from '../instances/InstancesPane';
import { TestsPane } from './TestsPane';
import { useTestsState } from './tests-store';

const TABS = [
  { id: 'instances', label: 'Instances' },
  { id: 'tests', label: 'Tests' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** The middle column's lower pane: Instances or Tests (tabs; ←/→ move between them, as ARIA tabs do). */
export function LowerTabs() {
  const [tab, setTab] = useState<Tab>('instances');
  const refs = useRef(new Map<Tab, HTMLButtonElement>());
  const tests = useTestsState();
  const failed = tests.status === 'done' ? tests.report.tests.filter((t) => t.outcome === 'failed').length : 0;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!.id;
    setTab(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="lower-tabs">
      <div className="lower-tabs__bar" role="tablist" aria-label="Instances or tests">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`lower-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={tab === t.id ? `lower-panel-${t.id}` : undefined}
            tabIndex={tab === t.id ? 0 : -1}
            className="lower-tabs__tab"
            onClick={() => setTab(t.id)}
            onKeyDown={onKeyDown}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
            {t.id === 'tests' && failed > 0 ? ` (${failed} failed)` : ''}
          </button>
        ))}
      </div>
      <div className="lower-tabs__panel" role="tabpanel" id={`lower-panel-${tab}`} aria-labelledby={`lower-tab-${tab}`}>
        {tab === 'instances' ? <InstancesPane /> : <TestsPane />}
      </div>
    </div>
  );
}
