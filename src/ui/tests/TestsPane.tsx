import type { TestCaseReport, TestsRan } from '../../protocol';
import { appStore } from '../../store';
import { executorBlocker } from '../actions/legality';
import { useClient, useClientState } from '../client/useClient';
import { EmptyState } from '../layout/EmptyState';
import { Pane } from '../layout/Pane';
import { countsText, durationText, groupByFile, OUTCOME_WORD } from './test-rows';
import { runProjectTests, useTestsState } from './tests-store';
import './tests.css';

/** The project's tests (`test_*.py` files), run in the executor: each test's outcome, failure, prints and instances. */
export function TestsPane() {
  const client = useClient();
  const blocker = executorBlocker(useClientState(client));
  const state = useTestsState();
  const running = state.status === 'running';
  const report =
    state.status === 'done'
      ? state.report
      : state.status === 'idle' || state.status === 'no-tests'
        ? undefined
        : state.last;
  const disabled = blocker !== null || running || client === null;
  const run = (
    <button
      type="button"
      className="pane-button pane-button--primary"
      aria-disabled={disabled}
      title={
        blocker ??
        (running
          ? 'The tests are running.'
          : 'Run every test_*.py file (each test on its own engine, on a virtual clock)')
      }
      onClick={disabled || !client ? undefined : () => void runProjectTests(client)}
      data-testid="run-tests"
    >
      {running ? 'Running…' : 'Run tests'}
    </button>
  );
  return (
    <Pane title={report && !running ? `Tests · ${countsText(report)}` : 'Tests'} label="Tests" flush actions={run}>
      <div className="tests" aria-busy={running} data-testid="tests-pane">
        {state.status === 'running' && (
          <p className="tests__status" role="status">
            Running {state.files.length} test file{state.files.length === 1 ? '' : 's'} in Python:{' '}
            {state.files.join(', ')}…
          </p>
        )}
        {state.status === 'failed' && (
          <p className="tests__status tests__status--error" role="alert">
            The tests could not run: {state.error}
          </p>
        )}
        {state.status === 'idle' && (
          <EmptyState title="Run the project's tests">
            Files named test_*.py run here: their test_* functions (pytest style), each on a fresh engine on a virtual
            clock, where a test imports its workflow from its file (from order_workflow import OrderWorkflow) and drives
            it with workers.testing. Press Run tests.
          </EmptyState>
        )}
        {state.status === 'no-tests' && (
          <EmptyState title="No test files in this project">
            Name a file test_something.py and write test_* functions in it, or open a sample from Samples: the order,
            retries and approval samples come with their tests.
          </EmptyState>
        )}
        {report && <Report report={report} />}
      </div>
    </Pane>
  );
}

function Report({ report }: { report: TestsRan }) {
  return (
    <>
      {report.tests.length === 0 && <EmptyState title="The test files hold no test_* functions" />}
      {groupByFile(report.tests).map((group) => (
        <section key={group.file} className="tests__file" aria-label={group.file}>
          <h3 className="tests__file-name">{group.file}</h3>
          <ul className="tests__list">
            {group.tests.map((t) => (
              <li key={t.name} data-testid="test-row" data-outcome={t.outcome}>
                <TestRow test={t} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {report.unsupported.length > 0 && (
        <p className="tests__note">
          Not supported here (ignored, or failed the test that used it): {report.unsupported.join(', ')}
        </p>
      )}
    </>
  );
}

function Line({ test }: { test: TestCaseReport }) {
  return (
    <>
      <span className={`tests__outcome tests__outcome--${test.outcome}`}>{OUTCOME_WORD[test.outcome]}</span>
      <span className="tests__name">{test.name}</span>
      {test.outcome === 'skipped' && test.failure?.message && (
        <span className="tests__reason">{test.failure.message}</span>
      )}
      <span className="tests__duration">{durationText(test.durationMs)}</span>
    </>
  );
}

function TestRow({ test }: { test: TestCaseReport }) {
  const hasDetail = test.outcome === 'failed' || test.output !== '' || test.instances.length > 0;
  if (!hasDetail) {
    return (
      <div className="tests__line">
        <Line test={test} />
      </div>
    );
  }
  return (
    <details className="tests__details" open={test.outcome === 'failed'}>
      <summary className="tests__line">
        <Line test={test} />
      </summary>
      <div className="tests__body">
        {test.outcome === 'failed' && test.failure && (
          <pre className="tests__message" data-testid="test-failure">
            {test.failure.message}
            {test.failure.line !== null && `\n  at ${test.file}:${test.failure.line}`}
          </pre>
        )}
        {test.output !== '' && (
          <>
            <p className="tests__label">Captured output</p>
            <pre className="tests__output" data-testid="test-output">
              {test.output}
            </pre>
          </>
        )}
        {test.instances.length > 0 && (
          <ul className="tests__instances">
            {test.instances.map((i) => (
              <li key={i.id}>
                {i.imported ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => appStore.getState().selectInstance(i.id)}
                    title="Open its history and graph"
                    data-testid="test-instance"
                  >
                    Open instance {i.id}
                  </button>
                ) : (
                  <span>Instance {i.id}</span>
                )}{' '}
                <span className="tests__instance-meta">
                  {i.workflowName} · {i.status}
                  {!i.imported && i.why ? ` · not in the studio: ${i.why}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        {test.outcome === 'failed' && test.failure?.traceback && (
          <details className="tests__traceback">
            <summary>Traceback</summary>
            <pre>{test.failure.traceback}</pre>
          </details>
        )}
      </div>
    </details>
  );
}
