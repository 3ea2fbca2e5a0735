import { describe, expect, it } from 'vitest';
import { type ReplayNote, WorkflowError } from '../engine';
import type {
  BootPython,
  HeadStart,
  HostToWorker,
  PythonReady,
  WorkerEvent,
  WorkerInput,
  WorkerToHost,
} from '../protocol';
import type { Executor } from './boot-executor';
import type { ExecutorCore } from './executor-core';
import { startExecutorHost, type WorkerScope } from './executor-host';

const ready: PythonReady = {
  type: 'python-ready',
  pyodideVersion: '314.0.7',
  pythonVersion: '3.14.2',
  loadMs: 1,
  warm: false,
  snapshot: 'missing',
  bootMs: 2,
};

const NOTE: ReplayNote = {
  run: 2,
  kind: 'inserted',
  call: { kind: 'do', name: 'audit', count: 1 },
  message: 'do "audit" is new and ran before the journaled do "charge"; …',
};

/** A core that records its calls; `create` of id "dup" fails as the engine would. */
function fakeCore(calls: string[]): ExecutorCore {
  const log =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push(`${name} ${JSON.stringify(args)}`);
    };
  return {
    recover: async () => ({ type: 'recovered', resumed: 2, waitingForSource: 1 }),
    failStoppedAttempts: log('failStoppedAttempts'),
    loadSource: async (f) => ({ ok: true, fileId: f.fileId, version: f.version, workflows: [] }),
    create: async ({ id }) => {
      if (id === 'dup')
        throw new WorkflowError('(instance.already_exists) Workflow instance with id "dup" already exists');
      return [id ?? 'generated'];
    },
    createBatch: async ({ items }) => items.map((_, i) => `b${i}`),
    pause: log('pause'),
    resume: log('resume'),
    terminate: log('terminate'),
    restart: log('restart'),
    sendEvent: log('sendEvent'),
    skipWait: log('skipWait'),
    deleteInstances: log('deleteInstances'),
    linkInstanceFile: log('linkInstanceFile'),
    replayNotes: (id) => {
      calls.push(`replayNotes ${JSON.stringify([id])}`);
      return [NOTE];
    },
    envCall: async (...args) => {
      calls.push(`envCall ${JSON.stringify(args)}`);
      return { keys: [] };
    },
    importJournal: async (events) => events[0]?.instanceId ?? 'imported',
    replayOnVirtualClock: async ({ events }) => events,
    dispose: () => calls.push('dispose'),
  };
}

function setup(
  boot: (
    input: BootPython,
    emit: (e: WorkerEvent) => void,
    journalOpen: (core: ExecutorCore) => void,
  ) => Promise<Partial<Executor>>,
  headStart?: (message: HeadStart) => void,
) {
  const posted: WorkerToHost[] = [];
  const listeners = new Map<string, (e: unknown) => void>();
  const calls: string[] = [];
  const later: Array<() => void> = [];
  const scope = {
    postMessage: (m: WorkerToHost) => posted.push(m),
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, l),
  } as unknown as WorkerScope;
  startExecutorHost(scope, {
    boot: async (input, emit, journalOpen) => ({
      ready,
      core: fakeCore(calls),
      afterReady: async () => {
        calls.push('afterReady');
      },
      armKill: (at?: string) => calls.push(at ? `armKill ${at}` : 'armKill'),
      disarmKill: () => calls.push('disarmKill'),
      runTests: async () => ({ type: 'tests-ran', tests: [], unsupported: [], durationMs: 0 }),
      ...(await boot(input, emit, journalOpen)),
    }),
    later: (cb) => later.push(cb),
    ...(headStart ? { headStart } : {}),
  });
  let nextId = 1;
  const send = (m: HostToWorker | HeadStart) => listeners.get('message')?.({ data: m });
  const request = (input: WorkerInput) => {
    const requestId = nextId++;
    send({ type: 'request', requestId, input });
    return requestId;
  };
  const rejectUnhandled = (reason: unknown) => listeners.get('unhandledrejection')?.({ reason });
  const runLater = () => {
    for (const cb of later.splice(0)) cb();
  };
  return { posted, send, request, rejectUnhandled, calls, runLater };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const bootInput: BootPython = { type: 'boot-python', indexURL: '/py/' };

describe('startExecutorHost()', () => {
  it('announces itself, boots once even when asked twice, and stores the snapshot only after answering ready', async () => {
    const inputs: BootPython[] = [];
    const { posted, request, calls, runLater } = setup(async (input) => {
      inputs.push(input);
      return {};
    });
    request(bootInput);
    request(bootInput);
    await flush();
    expect(inputs).toEqual([bootInput]);
    expect(posted).toEqual([
      { type: 'event', event: { type: 'worker-started' } },
      { type: 'response', requestId: 1, result: { type: 'ok', output: ready } },
      { type: 'response', requestId: 2, result: { type: 'ok', output: ready } },
    ]);
    expect(calls).toEqual([]);
    runLater();
    expect(calls).toEqual(['afterReady']);
  });

  it("begins a head start on the page's message before any boot, silently, and ignores one after the boot began", async () => {
    const order: string[] = [];
    const { posted, send, request } = setup(
      async () => {
        order.push('boot');
        return {};
      },
      (message) => order.push(`head-start ${message.indexURL}`),
    );
    send({ type: 'head-start', indexURL: '/py/' });
    request(bootInput);
    send({ type: 'head-start', indexURL: '/late/' });
    await flush();
    expect(order).toEqual(['head-start /py/', 'boot']);
    // Not a request: nothing answers it, and it is no unknown message (no worker-fault).
    expect(posted.map((m) => (m.type === 'event' ? m.event.type : m.type))).toEqual(['worker-started', 'response']);
  });

  it('posts the events the boot emits (progress, snapshot) as they happen', async () => {
    const { posted, request } = setup(async (_input, emit) => {
      emit({ type: 'boot-progress', phase: 'restoring-snapshot' });
      return {};
    });
    request(bootInput);
    await flush();
    expect(posted[1]).toEqual({ type: 'event', event: { type: 'boot-progress', phase: 'restoring-snapshot' } });
  });

  it('turns a boot failure into a serialized error response that says what was being loaded', async () => {
    const { posted, request } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    request(bootInput);
    await flush();
    expect(posted[1]).toMatchObject({
      type: 'response',
      requestId: 1,
      result: { type: 'error', name: 'TypeError', message: 'Failed to fetch (loading the Python runtime from /py/)' },
    });
  });

  it('fails a boot that hangs when an unhandled rejection happens meanwhile (Pyodide wasm fetch failure)', async () => {
    const { posted, request, rejectUnhandled } = setup(() => new Promise(() => {}));
    request(bootInput);
    rejectUnhandled(new TypeError('Failed to fetch'));
    await flush();
    expect(posted.slice(1)).toMatchObject([
      { type: 'event', event: { type: 'worker-fault', error: { name: 'TypeError', message: 'Failed to fetch' } } },
      { type: 'response', requestId: 1, result: { type: 'error', name: 'TypeError' } },
    ]);
  });

  it('reports a message that is not a request as a worker-fault', () => {
    const { posted, send } = setup(async () => ({}));
    send({ type: 'bogus' } as unknown as HostToWorker);
    expect(posted[1]).toMatchObject({
      type: 'event',
      event: { type: 'worker-fault', error: { message: 'Unknown message: {"type":"bogus"}' } },
    });
  });

  it('answers a command sent before boot-python with NotBootedError, and pings at any time', async () => {
    const { posted, request } = setup(async () => ({}));
    request({ type: 'pause-instance', id: 'x' });
    request({ type: 'ping' });
    await flush();
    const byId = (id: number) => posted.find((m) => m.type === 'response' && m.requestId === id);
    expect(byId(1)).toMatchObject({
      result: {
        type: 'error',
        name: 'NotBootedError',
        message: 'Python is not started yet: the host must send boot-python first.',
      },
    });
    expect(byId(2)).toEqual({ type: 'response', requestId: 2, result: { type: 'ok', output: { type: 'pong' } } });
  });

  it('routes every command to the core and answers with its typed output', async () => {
    const { posted, request, calls } = setup(async () => ({}));
    request(bootInput);
    const ids = [
      request({ type: 'recover' }),
      request({ type: 'load-source', fileId: 'f', version: 2, name: 'a.py', source: 'x' }),
      request({ type: 'create-instance', fileId: 'f', workflowName: 'wf', id: 'i1', params: { a: 1 } }),
      request({ type: 'create-batch', fileId: 'f', workflowName: 'wf', items: [{}, {}] }),
      request({ type: 'pause-instance', id: 'i1' }),
      request({ type: 'resume-instance', id: 'i1' }),
      request({ type: 'terminate-instance', id: 'i1' }),
      request({ type: 'restart-instance', id: 'i1', from: { name: 's' } }),
      request({ type: 'send-event', id: 'i1', event: { type: 'go', payload: 1 } }),
      request({ type: 'skip-wait', id: 'i1' }),
      request({ type: 'delete-instances', ids: ['i1'] }),
      request({ type: 'link-instance-file', id: 'i1', fileId: 'f' }),
      request({ type: 'kill-at-next-step' }),
      request({ type: 'kill-at-next-step', at: 'after-call' }),
      request({ type: 'disarm-kill' }),
      request({ type: 'replay-notes', id: 'i1' }),
    ];
    await flush();
    const outputs = ids.map((id) => posted.find((m) => m.type === 'response' && m.requestId === id));
    expect(outputs.map((m) => (m?.type === 'response' && m.result.type === 'ok' ? m.result.output : m))).toEqual([
      { type: 'recovered', resumed: 2, waitingForSource: 1 },
      { type: 'source-loaded', result: { ok: true, fileId: 'f', version: 2, workflows: [] } },
      { type: 'instances-created', ids: ['i1'] },
      { type: 'instances-created', ids: ['b0', 'b1'] },
      ...Array(11).fill({ type: 'done' }),
      { type: 'replay-notes', notes: [NOTE] },
    ]);
    expect(calls).toEqual([
      'pause ["i1"]',
      'resume ["i1"]',
      'terminate ["i1"]',
      'restart ["i1",{"name":"s"}]',
      'sendEvent ["i1",{"type":"go","payload":1}]',
      'skipWait ["i1"]',
      'deleteInstances [["i1"]]',
      'linkInstanceFile ["i1","f"]',
      'armKill',
      'armKill after-call',
      'disarmKill',
      'replayNotes ["i1"]',
    ]);
  });

  it('answers a command the engine refuses with the engine’s error name and message', async () => {
    const { posted, request } = setup(async () => ({}));
    request(bootInput);
    const id = request({ type: 'create-instance', fileId: 'f', workflowName: 'wf', id: 'dup' });
    await flush();
    expect(posted.find((m) => m.type === 'response' && m.requestId === id)).toMatchObject({
      result: {
        type: 'error',
        name: 'WorkflowError',
        message: '(instance.already_exists) Workflow instance with id "dup" already exists',
      },
    });
  });

  it('journals stopped attempts before any later command touches an instance (recover, terminate), even a slow write', async () => {
    const calls: string[] = [];
    let finish: () => void = () => {};
    const { posted, request } = setup(async () => ({
      core: {
        ...fakeCore(calls),
        failStoppedAttempts: (attempts) => {
          calls.push(`failStoppedAttempts ${attempts.length}`);
          return new Promise<void>((resolve) => {
            finish = () => {
              calls.push('journaled');
              resolve();
            };
          });
        },
      },
    }));
    request(bootInput);
    const stopped = {
      instanceId: 'i1',
      stepName: 'spin',
      attempt: 1,
      error: { name: 'AttemptStoppedError', message: 'x' },
    };
    request({ type: 'fail-stopped-attempts', attempts: [stopped] });
    request({ type: 'terminate-instance', id: 'i1' });
    const ping = request({ type: 'ping' });
    await flush();
    expect(calls).toEqual(['failStoppedAttempts 1']);
    expect(posted.find((m) => m.type === 'response' && m.requestId === ping)).toBeDefined();
    finish();
    await flush();
    expect(calls).toEqual(['failStoppedAttempts 1', 'journaled', 'terminate ["i1"]']);
  });

  it('does the journal work announced with the boot (stopped attempts, Terminate, Pause, Delete) once the journal is open, and only then starts Python; the rest waits for Python', async () => {
    const calls: string[] = [];
    let pythonUp: () => void = () => {};
    const { posted, request } = setup(async (_input, _emit, journalOpen) => {
      const core = fakeCore(calls);
      await journalOpen(core);
      calls.push('Python starts');
      await new Promise<void>((resolve) => {
        pythonUp = resolve;
      });
      return { core };
    });
    const answered = (id: number) => posted.some((m) => m.type === 'response' && m.requestId === id);
    const boot = request({ ...bootInput, journalWork: 4 });
    const stopped = {
      instanceId: 'i1',
      stepName: 'spin',
      attempt: 1,
      error: { name: 'AttemptStoppedError', message: 'x' },
    };
    const early = [
      request({ type: 'fail-stopped-attempts', attempts: [stopped] }),
      request({ type: 'terminate-instance', id: 'i1' }),
    ];
    const load = request({ type: 'load-source', fileId: 'f', version: 1, name: 'a.py', source: 'x' });
    const recover = request({ type: 'recover' });
    early.push(request({ type: 'pause-instance', id: 'i2' }));
    await flush();
    // Three of the four announced: Python waits for the last one.
    expect(calls).toEqual([
      `failStoppedAttempts ${JSON.stringify([[stopped], undefined])}`,
      'terminate ["i1"]',
      'pause ["i2"]',
    ]);
    early.push(request({ type: 'delete-instances', ids: ['i3'] }));
    await flush();
    expect(calls.slice(3)).toEqual(['deleteInstances [["i3"]]', 'Python starts']);
    expect(early.map(answered)).toEqual([true, true, true, true]);
    expect([boot, load, recover].map(answered)).toEqual([false, false, false]);
    pythonUp();
    await flush();
    expect([boot, load, recover].map(answered)).toEqual([true, true, true]);
  });
});
