/**
 * The Samples gallery: small workflows that each teach one idea of durable execution, with what to try.
 * Every sample runs on the studio's SDK as is (`samples.test.ts` runs each through the CLI).
 */
import approvalWait from './approval_wait.py?raw';
import codeChangeDivergence from './code_change_divergence.py?raw';
import concurrentFanIn from './concurrent_fan_in.py?raw';
import ctxUsage from './ctx_usage.py?raw';
import d1AcrossSleep from './d1_across_sleep.py?raw';
import dagDependencies from './dag_dependencies.py?raw';
import flakyApiMocks from './flaky_api.mocks.json?raw';
import flakyApi from './flaky_api.py?raw';
import helloWorld from './hello_world.py?raw';
import idempotentCharge from './idempotent_charge.py?raw';
import nonRetryable from './non_retryable.py?raw';
import nondeterminismPitfall from './nondeterminism_pitfall.py?raw';
import retriesBackoff from './retries_backoff.py?raw';
import sleepAndReplay from './sleep_and_replay.py?raw';
import testApprovalWait from './test_approval_wait.py?raw';
import testHelloWorld from './test_hello_world.py?raw';
import testIdempotentCharge from './test_idempotent_charge.py?raw';
import testRetriesBackoff from './test_retries_backoff.py?raw';

/** One sample: its file, what it teaches, suggested params, and the event to send if it waits for one. */
export interface Sample {
  id: string;
  fileName: string;
  title: string;
  summary: string;
  tryThis: string;
  source: string;
  /** JSON text prefilled in the Run dialog. */
  params: string;
  event?: { type: string; payload: string };
  /** The file's env declaration (Env & bindings), when the sample uses `self.env` bindings. */
  env?: string;
  /** Its test file (`test_<fileName>`), opened with it: it imports the workflow from the sample's file. */
  tests?: { fileName: string; source: string };
  /** The file's mocks text (docs/mocks.md), shipped beside it as `<name>.mocks.json`. */
  mocks?: string;
}

/** The gallery, in teaching order. */
export const SAMPLES: readonly Sample[] = [
  {
    id: 'hello-world',
    fileName: 'hello_world.py',
    title: 'Hello world',
    summary: 'One durable step: decorate a function with @step.do(), call it, and its result is journaled.',
    tryThis: 'Run it, click the step in the graph, and read its output and captured print in the inspector.',
    source: helloWorld,
    params: '{"name": "Ada"}',
    tests: { fileName: 'test_hello_world.py', source: testHelloWorld },
  },
  {
    id: 'dag',
    fileName: 'dag_dependencies.py',
    title: 'DAG with dependency injection',
    summary: 'Parameters named after earlier steps receive their results; a shared dependency runs only once.',
    tryThis: 'Rename a parameter to a step that does not exist and watch the red squiggle explain why.',
    source: dagDependencies,
    params: '{"user_id": 7}',
  },
  {
    id: 'fan-in',
    fileName: 'concurrent_fan_in.py',
    title: 'Concurrent fan-in',
    summary: 'concurrent=True and asyncio.gather run independent steps at the same time, then join.',
    tryThis: 'Compare the three price steps’ start times in the inspector: they overlap.',
    source: concurrentFanIn,
    params: '{}',
  },
  {
    id: 'retries',
    fileName: 'retries_backoff.py',
    title: 'Retries with backoff',
    summary: 'A flaky step fails twice and succeeds on attempt 3; retries wait 1 s, then 2 s (exponential).',
    tryThis: 'Watch the retry countdown on the node, then open it: each attempt has its error and print.',
    source: retriesBackoff,
    params: '{"fail_times": 2}',
    tests: { fileName: 'test_retries_backoff.py', source: testRetriesBackoff },
  },
  {
    id: 'flaky-api',
    fileName: 'flaky_api.py',
    title: 'A flaky API, mocked',
    summary:
      'The step calls an API through fetch; the file’s mocks answer it, failing the first two calls with 503, so the step retries with backoff.',
    tryThis:
      'Run it and open “fetch rates”: each attempt lists its request (503 twice, then 200 from the mock “rates API”). Then open Mocks and change "failFirst".',
    source: flakyApi,
    params: '{"amount": 250}',
    mocks: flakyApiMocks,
  },
  {
    id: 'non-retryable',
    fileName: 'non_retryable.py',
    title: 'NonRetryableError',
    summary: 'A declined card raises NonRetryableError: the step fails at once, and run() handles it.',
    tryThis: 'Run with {"card": "4000-0000-0000-0077"} to see the happy path instead.',
    source: nonRetryable,
    params: '{"card": "4000-0000-0000-0002"}',
  },
  {
    id: 'sleep-replay',
    fileName: 'sleep_and_replay.py',
    title: 'Sleep and replay',
    summary: 'A durable sleep ends the run; afterwards run() replays from the top and cached steps do not run again.',
    tryThis:
      'Watch the countdown, or press Skip wait; then see “cached” on the first step, and “run() starts from the top” printed in both lanes of the history.',
    source: sleepAndReplay,
    params: '{}',
  },
  {
    id: 'approval',
    fileName: 'approval_wait.py',
    title: 'Waiting for approval (with timeout)',
    summary: 'wait_for_event pauses the workflow until a person sends an “approval” event, or 1 hour passes.',
    tryThis: 'Run it, then Send event → type “approval”, payload {"approved": true, "by": "ana"}.',
    source: approvalWait,
    params: '{"amount": 120}',
    event: { type: 'approval', payload: '{"approved": true, "by": "ana"}' },
    tests: { fileName: 'test_approval_wait.py', source: testApprovalWait },
  },
  {
    id: 'pitfall',
    fileName: 'nondeterminism_pitfall.py',
    title: 'Non-determinism pitfall',
    summary: 'State kept outside steps is lost on replay, and a time-based step name runs again on every replay.',
    tryThis: 'Run it: the output says 0 items from outside state, and the graph shows the stamp step diverged.',
    source: nondeterminismPitfall,
    params: '{}',
  },
  {
    id: 'divergence',
    fileName: 'code_change_divergence.py',
    title: 'Editing code mid-flight (divergence)',
    summary: 'Renaming a step while an instance sleeps: on replay the code asks for a step the journal does not hold.',
    tryThis:
      'Run it. While it sleeps, rename "reserve stock" to "reserve inventory", press ⟳ Load, then Skip wait: the history and the graph mark where run 2 diverged, what the journal expected and what came.',
    source: codeChangeDivergence,
    params: '{}',
  },
  {
    id: 'ctx',
    fileName: 'ctx_usage.py',
    title: 'Step context (ctx)',
    summary: 'ctx gives a step its name, its count (calls with the same name), its attempt and its config.',
    tryThis: 'Open the inspect step: two calls (count 1 and 2), the first with a failed attempt 1.',
    source: ctxUsage,
    params: '{}',
  },
  {
    id: 'idempotent-charge',
    fileName: 'idempotent_charge.py',
    title: 'Idempotency key in KV',
    summary:
      'A charge step stores an idempotency key in KV with the receipt; when the step runs again after a crash, it finds the key and does not charge twice.',
    tryThis:
      'Run it: attempt 1 charges, then “crashes”; attempt 2 finds charged:A-17 and returns the receipt (charges_made: 1). Or run with crash_after_charge false and press ⚡ Kill now during the 3 s after “charged”: recovery retries the step, still one charge. (⚡ After next call in the history pane kills the executor inside the step right after its next KV call — here the key lookup, before the charge; the Learn panel’s idempotency lesson crashes right after a charge.) Env shows the keys.',
    source: idempotentCharge,
    params: '{"order": "A-17", "amount": 42, "crash_after_charge": true}',
    env: '{\n  // self.env.KV: idempotency keys and the simulated provider\'s ledger\n  "kv_namespaces": [{ "binding": "KV" }]\n}\n',
    tests: { fileName: 'test_idempotent_charge.py', source: testIdempotentCharge },
  },
  {
    id: 'd1-sleep',
    fileName: 'd1_across_sleep.py',
    title: 'D1 across a sleep',
    summary:
      'A step writes a row to D1 (SQLite), the workflow sleeps, and a later step updates and reads the row back.',
    tryThis:
      'Run it and open Env: the orders table holds the row while the instance sleeps; after the sleep its status is “shipped”. Try SELECT * FROM orders there.',
    source: d1AcrossSleep,
    params: '{"order": "A-17", "total": 42.5}',
    env: '{\n  // self.env.DB: a D1 database (SQLite in the browser)\n  "d1_databases": [{ "binding": "DB", "database_name": "orders" }]\n}\n',
  },
];
