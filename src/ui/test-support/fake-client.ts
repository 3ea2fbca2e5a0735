/** Test support: a scriptable {@link StudioClient} that records its calls. */
import type { ExecutorState, LoadSourceResult, StudioClient } from '../client/studio-client';

/** A fake client; override any method through `overrides`. `calls` lists `[method, ...args]`. */
export function createFakeClient(overrides: Partial<StudioClient> = {}) {
  const calls: unknown[][] = [];
  const state: ExecutorState = { status: 'starting', since: 0, role: 'leader' };
  const record =
    <A extends unknown[], R>(name: string, result: (...args: A) => R) =>
    (...args: A): R => {
      calls.push([name, ...args]);
      return result(...args);
    };
  const client: StudioClient = {
    getState: () => state,
    subscribe: () => () => {},
    loadSource: record(
      'loadSource',
      async (f): Promise<LoadSourceResult> => ({
        ok: true,
        fileId: f.fileId,
        version: f.version,
        workflows: [
          { className: 'OrderWorkflow', workflowName: 'order-workflow', bindingName: 'ORDER_WORKFLOW', line: 7 },
        ],
      }),
    ),
    create: record('create', async (req) => ({ id: req.id ?? 'generated-1' })),
    createBatch: record('createBatch', async (req) => ({ ids: req.items.map((_, i) => `b-${i}`) })),
    pause: record('pause', async () => {}),
    resume: record('resume', async () => {}),
    terminate: record('terminate', async () => {}),
    restart: record('restart', async () => {}),
    sendEvent: record('sendEvent', async () => {}),
    skipWait: record('skipWait', async () => {}),
    deleteInstances: record('deleteInstances', async () => {}),
    linkInstanceFile: record('linkInstanceFile', async () => {}),
    replayNotes: record('replayNotes', async () => []),
    replayOnVirtualClock: record('replayOnVirtualClock', async (req) => req.events),
    envCall: record('envCall', async (): Promise<unknown> => null),
    runTests: record('runTests', async () => ({
      type: 'tests-ran' as const,
      tests: [],
      unsupported: [],
      durationMs: 0,
    })),
    importJournal: record('importJournal', async (req) => ({ id: req.events[0]?.instanceId ?? 'imported' })),
    killExecutor: record('killExecutor', async () => {}),
    killAtNextStep: record('killAtNextStep', async () => {}),
    killAfterNextCall: record('killAfterNextCall', async () => {}),
    disarmKill: record('disarmKill', async () => {}),
    stopAttempt: record('stopAttempt', async () => {}),
    onNotice: () => () => {},
    ...overrides,
  };
  return { client, calls };
}
