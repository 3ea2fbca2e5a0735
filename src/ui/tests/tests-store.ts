/**
 * The Tests panel's state: the last run's report (kept while the panel is hidden), and `runProjectTests`, which
 * saves the open file, then sends every studio file to the executor (`StudioClient.runTests`): the `test_*.py`
 * files run, the others are what they import; each goes with its env declaration and its mocks (checked here), which
 * the tests of the files importing it get.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { TestsRan } from '../../protocol';
import { errorText } from '../actions/run-workflow';
import type { StudioClient } from '../client/studio-client';
import { studioDb } from '../data/studio-db';
import { getFilesController } from '../files/files';
import { isTestFile } from './test-rows';

export type TestsState =
  | { status: 'idle' }
  | { status: 'running'; files: string[]; startedAt: number; last?: TestsRan }
  | { status: 'no-tests' }
  | { status: 'done'; report: TestsRan }
  | { status: 'failed'; error: string; last?: TestsRan };

export const testsStore = createStore<TestsState>(() => ({ status: 'idle' }));

export const useTestsState = (): TestsState => useStore(testsStore);

const lastReport = (s: TestsState): TestsRan | undefined =>
  s.status === 'done' ? s.report : s.status === 'running' || s.status === 'failed' ? s.last : undefined;

/** Runs the project's tests (one run at a time: a second call while one runs does nothing). */
export async function runProjectTests(client: StudioClient): Promise<void> {
  const before = testsStore.getState();
  if (before.status === 'running') return;
  const last = lastReport(before);
  try {
    await getFilesController().flush();
    const files = await studioDb.files.toArray();
    const tests = files.filter((f) => isTestFile(f.name)).map((f) => f.name);
    if (tests.length === 0) {
      testsStore.setState({ status: 'no-tests' }, true);
      return;
    }
    testsStore.setState(
      { status: 'running', files: tests.sort(), startedAt: Date.now(), ...(last ? { last } : {}) },
      true,
    );
    // The mocks checker (with the export module's schemas) is a chunk of its own, loaded when first needed.
    const { mocksToLoad } = await import('../mocks/mocks-text');
    const report = await client.runTests(
      files.map((f) => {
        const mocks = mocksToLoad(f.name, f.mocks);
        return {
          fileId: f.id,
          name: f.name,
          source: f.source,
          ...(f.env === undefined ? {} : { env: f.env }),
          ...(mocks.ok ? (mocks.mocks ? { mocks: mocks.mocks } : {}) : { mocksProblem: mocks.message }),
        };
      }),
    );
    testsStore.setState({ status: 'done', report }, true);
  } catch (e) {
    testsStore.setState({ status: 'failed', error: errorText(e), ...(last ? { last } : {}) }, true);
  }
}
