// pause / resume / terminate / restart (with and without `from`) and createBatch.
import { attemptsOf, pause, untilTraced } from '../observe.mjs';

const ended = async (api, id) => ({ compare: { status: await api.until(id) } });

const _ended = async (api, id) => ({ compare: { status: await api.until(id) } });
/** Steps a, b, c (each records its body running) with a 300 ms sleep before c. */
const abc = async ({ step, t }) => {
  const recorded = (name) => async (ctx) => {
    t({ step: name, attempt: ctx.attempt });
    return name;
  };
  const out = [await step.do('a', recorded('a')), await step.do('b', recorded('b'))];
  await step.sleep('gap', 300);
  out.push(await step.do('c', recorded('c')));
  return out;
};
/** Waits until `abc` has run step b, so it is in (or about to enter) its sleep. */
const inGap = async (api, id) => {
  await untilTraced(api, id, (e) => e.step === 'b');
  await api.sleep(50);
};
const bodies = (trace) => Object.fromEntries(['a', 'b', 'c'].map((n) => [n, attemptsOf(trace, n).length]));

const lifecycle = [
  {
    id: 'pause-resume',
    group: 'lifecycle',
    about: 'pause during a sleep, stay paused past its end, resume: the instance completes',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await inGap(api, id);
      await api.pause(id);
      const paused = (await api.until(id, ['paused'], 2000)).status;
      await api.sleep(400);
      const stillPaused = (await api.status(id)).status;
      await api.resume(id);
      const status = await api.until(id);
      return { compare: { paused, stillPaused, status, bodies: bodies(await api.trace(id)) } };
    },
  },
  {
    id: 'pause-finished',
    group: 'lifecycle',
    about: 'pause() and resume() on a complete instance',
    workflow: async () => 'done',
    drive: async (api) => {
      const id = await api.create({});
      await api.until(id);
      return {
        compare: {
          pause: await api.attempt(() => api.pause(id)),
          resume: await api.attempt(() => api.resume(id)),
          status: await api.status(id),
        },
      };
    },
  },
  {
    id: 'terminate-waiting',
    group: 'lifecycle',
    about: 'terminate an instance waiting for an event',
    workflow: ({ step }) => step.waitForEvent('w', { type: 'never', timeout: 5000 }),
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      await api.terminate(id);
      const status = await api.until(id, ['terminated'], 3000);
      await api.sleep(100);
      return { compare: { status, later: await api.status(id) } };
    },
  },
  {
    id: 'terminate-finished',
    group: 'lifecycle',
    about: 'terminate a complete instance',
    workflow: async () => 'done',
    drive: async (api) => {
      const id = await api.create({});
      await api.until(id);
      return { compare: { terminate: await api.attempt(() => api.terminate(id)), status: await api.status(id) } };
    },
  },
  {
    id: 'restart-complete',
    group: 'lifecycle',
    about: 'restart a complete instance: every step runs again',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await api.until(id);
      await api.restart(id);
      await api.sleep(50);
      const status = await api.until(id);
      return { compare: { status, bodies: bodies(await api.trace(id)) } };
    },
  },
  {
    id: 'restart-from',
    group: 'lifecycle',
    about: 'restart({from: {name: "b"}}) of a complete instance: a is kept, b and c run again',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await api.until(id);
      await api.restart(id, { from: { name: 'b' } });
      await api.sleep(50);
      const status = await api.until(id);
      return { compare: { status, bodies: bodies(await api.trace(id)) } };
    },
  },
  {
    id: 'restart-from-unknown',
    group: 'lifecycle',
    about: 'restart({from: {name: "nope"}}) naming a step the instance never ran',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await api.until(id);
      const restart = await api.attempt(() => api.restart(id, { from: { name: 'nope' } }));
      await api.sleep(50);
      return { compare: { restart, status: await api.until(id) } };
    },
  },
  {
    id: 'pause-during-step',
    group: 'lifecycle',
    about: 'pause while a 300 ms step runs: the step finishes, then the instance pauses; resume completes it',
    workflow: async ({ step, t }) => {
      await step.do('long', async () => {
        t({ step: 'long', attempt: 1 });
        await pause(300);
      });
      return step.do('after', async () => 'after');
    },
    drive: async (api) => {
      const id = await api.create({});
      await untilTraced(api, id, (e) => e.step === 'long');
      await api.pause(id);
      const right = (await api.status(id)).status;
      const paused = (await api.until(id, ['paused'], 3000)).status;
      await api.resume(id);
      const status = await api.until(id);
      return { compare: { right, paused, status, long: attemptsOf(await api.trace(id), 'long').length } };
    },
  },
  {
    id: 'resume-cancels-pending-pause',
    group: 'lifecycle',
    about: 'pause while a 300 ms step runs, resume before it ends: the instance never pauses',
    workflow: async ({ step, t }) => {
      await step.do('long', () => {
        t({ mark: 'long started' });
        return pause(300);
      });
      return step.do('after', async () => 'after');
    },
    drive: async (api) => {
      const id = await api.create({});
      await untilTraced(api, id, (e) => e.mark === 'long started');
      await api.pause(id);
      const pending = (await api.status(id)).status;
      await api.resume(id);
      const resumed = (await api.status(id)).status;
      return { compare: { pending, resumed, ...(await ended(api, id)).compare } };
    },
  },
  {
    id: 'pause-during-retry-delay',
    group: 'lifecycle',
    about: 'pause while a step waits 300 ms to retry; resume: the retry runs and the step succeeds',
    workflow: async ({ step, t }) =>
      step.do('s', { retries: { limit: 1, delay: 300, backoff: 'constant' } }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        if (ctx.attempt === 1) throw new Error('first fails');
        return 'second';
      }),
    drive: async (api) => {
      const id = await api.create({});
      await untilTraced(api, id, (e) => e.step === 's');
      await api.sleep(50);
      await api.pause(id);
      const paused = (await api.until(id, ['paused'], 3000)).status;
      await api.sleep(400);
      const attemptsWhilePaused = attemptsOf(await api.trace(id), 's').length;
      await api.resume(id);
      const status = await api.until(id);
      return {
        compare: { paused, attemptsWhilePaused, status, attempts: attemptsOf(await api.trace(id), 's').length },
      };
    },
  },
  {
    id: 'restart-terminated',
    group: 'lifecycle',
    about: 'restart a terminated instance: it runs from the start and completes',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await inGap(api, id);
      await api.terminate(id);
      await api.until(id, ['terminated'], 3000);
      await api.restart(id);
      await api.sleep(50);
      const status = await api.until(id);
      return { compare: { status, bodies: bodies(await api.trace(id)) } };
    },
  },
  {
    id: 'terminate-sleeping',
    group: 'lifecycle',
    about: 'terminate during a sleep: the step after it never runs',
    workflow: abc,
    drive: async (api) => {
      const id = await api.create({});
      await inGap(api, id);
      await api.terminate(id);
      const status = await api.until(id, ['terminated'], 3000);
      await api.sleep(400);
      return { compare: { status, later: (await api.status(id)).status, bodies: bodies(await api.trace(id)) } };
    },
  },
  {
    id: 'restart-drops-events',
    group: 'lifecycle',
    about: 'an event sent, then restart before the wait: the new run does not get it',
    workflow: async ({ step }) => {
      await step.sleep('first', 200);
      try {
        return (await step.waitForEvent('w', { type: 'go', timeout: 300 })).payload;
      } catch (e) {
        return `no event: ${e.message}`;
      }
    },
    drive: async (api) => {
      const id = await api.create({});
      await api.sendEvent(id, { type: 'go', payload: 'before restart' });
      await api.sleep(50);
      await api.restart(id);
      return ended(api, id);
    },
  },
  {
    id: 'restart-errored',
    group: 'lifecycle',
    about: 'restart an errored instance: its step is attempted again and fails again',
    workflow: async ({ step, t }) =>
      step.do('s', { retries: { limit: 0, delay: 1 } }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        await pause(1);
        throw new Error('fails every time');
      }),
    drive: async (api) => {
      const id = await api.create({});
      const first = await api.until(id);
      await api.restart(id);
      await api.sleep(50);
      const status = await api.until(id);
      return { compare: { first, status, attempts: attemptsOf(await api.trace(id), 's').length } };
    },
  },
];

const batches = [
  {
    id: 'create-batch',
    group: 'createBatch',
    about: 'createBatch of three, with ids and params',
    workflow: async ({ event }) => ({ got: event.payload }),
    drive: async (api) => {
      const ids = await api.createBatch([
        { id: 'batch-1', params: { n: 1 } },
        { id: 'batch-2', params: { n: 2 } },
        { id: 'batch-3' },
      ]);
      const statuses = [];
      for (const id of ids) statuses.push(await api.until(id));
      return { compare: { ids, statuses } };
    },
  },
  {
    id: 'create-batch-empty',
    group: 'createBatch',
    about: 'createBatch([])',
    workflow: async () => 'never',
    drive: async (api) => ({ compare: { batch: await api.attempt(() => api.createBatch([])) } }),
  },
  {
    id: 'create-batch-bad-id',
    group: 'createBatch',
    about: 'createBatch where one id is invalid',
    workflow: async () => 'ran',
    drive: async (api) => {
      const batch = await api.attempt(() => api.createBatch([{ id: 'fine-1' }, { id: 'not fine' }]));
      await api.sleep(100);
      return { compare: { batch, fine: (await api.attempt(() => api.status('fine-1'))).ok } };
    },
  },
];

export default [...lifecycle, ...batches];
