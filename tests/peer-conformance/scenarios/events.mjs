// Errors crossing step boundaries, and events: sent before and after the wait, FIFO per type, timeouts.
import { attemptsOf, pause, runStarts } from '../observe.mjs';

const ended = async (api, id) => ({ compare: { status: await api.until(id) } });
/** What both sides compare of a received event (the timestamp's type is compared, not its value). */
const received = (e) => ({
  type: e.type,
  payload: e.payload,
  timestamp: e.timestamp instanceof Date ? 'Date' : typeof e.timestamp,
  keys: Object.keys(e).sort(),
});

const errorsCrossing = [
  {
    id: 'error-caught-in-run',
    group: 'errors across steps',
    about: 'a TypeError failing a step for good, caught in run(): class, name, message',
    workflow: async ({ step }) => {
      try {
        await step.do('s', { retries: { limit: 0, delay: 1 } }, async () => {
          throw new TypeError('not a number');
        });
      } catch (e) {
        return { name: e.name, message: e.message, isError: e instanceof Error, isTypeError: e instanceof TypeError };
      }
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'error-classes-crossing',
    group: 'errors across steps',
    about:
      'which error classes survive a step boundary: RangeError, SyntaxError, an Error named "TypeError", a custom subclass',
    workflow: async ({ step }) => {
      const makers = {
        range: () => new RangeError('r'),
        syntax: () => new SyntaxError('s'),
        renamed: () => Object.assign(new Error('n'), { name: 'TypeError' }),
        custom: () => new (class PaymentError extends Error {})('c'),
      };
      const seen = {};
      for (const [key, make] of Object.entries(makers)) {
        try {
          await step.do(key, { retries: { limit: 0, delay: 1 } }, async () => {
            throw make();
          });
        } catch (e) {
          seen[key] = { name: e.name, message: e.message, class: e.constructor?.name };
        }
      }
      return seen;
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'error-caught-then-continue',
    group: 'errors across steps',
    about: 'after catching a failed step, later steps run and the instance completes',
    workflow: async ({ step }) => {
      let first;
      try {
        first = await step.do('a', { retries: { limit: 0, delay: 1 } }, async () => {
          throw new Error('a broke');
        });
      } catch (e) {
        first = `caught ${e.message}`;
      }
      const second = await step.do('b', async () => 'b ok');
      return [first, second];
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'run-throws',
    group: 'errors across steps',
    about: 'run() throws outside any step after one step succeeded',
    workflow: async ({ step }) => {
      await step.do('a', async () => 1);
      const e = new Error('run gave up');
      e.name = 'GiveUpError';
      throw e;
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'failed-step-cached-on-replay',
    group: 'errors across steps',
    about: 'a caught failed step, then a sleep: after the sleep the step is not attempted again',
    workflow: async ({ step, t }) => {
      let seen;
      try {
        await step.do('s', { retries: { limit: 0, delay: 1 } }, async (ctx) => {
          t({ step: 's', attempt: ctx.attempt });
          throw new Error('once');
        });
      } catch (e) {
        seen = e.message;
      }
      await step.sleep('nap', 50);
      return seen;
    },
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      return { compare: { status, attempts: attemptsOf(await api.trace(id), 's').length } };
    },
  },
];

const events = [
  {
    id: 'event-before-wait',
    group: 'events',
    about: 'an event sent while the instance still runs a step, before it waits',
    workflow: async ({ step }) => {
      await step.do('slow', () => pause(200));
      return received(await step.waitForEvent('w', { type: 'go', timeout: 5000 }));
    },
    drive: async (api) => {
      const id = await api.create({});
      await api.sleep(50);
      await api.sendEvent(id, { type: 'go', payload: { n: 1 } });
      return ended(api, id);
    },
  },
  {
    id: 'event-after-wait',
    group: 'events',
    about: 'an event sent while the instance waits',
    workflow: async ({ step }) => received(await step.waitForEvent('w', { type: 'go', timeout: 5000 })),
    drive: async (api) => {
      const id = await api.create({});
      const waiting = await api.settledIn(id);
      await api.sendEvent(id, { type: 'go', payload: ['x', null] });
      return { compare: { whileWaiting: waiting.status, ...(await ended(api, id)).compare } };
    },
  },
  {
    id: 'event-fifo',
    group: 'events',
    about: 'three events of one type sent before the waits: received first in, first out',
    workflow: async ({ step }) => {
      await step.do('slow', () => pause(200));
      const got = [];
      for (let i = 1; i <= 3; i += 1)
        got.push((await step.waitForEvent(`w${i}`, { type: 'n', timeout: 5000 })).payload);
      return got;
    },
    drive: async (api) => {
      const id = await api.create({});
      for (const n of [1, 2, 3]) await api.sendEvent(id, { type: 'n', payload: n });
      return ended(api, id);
    },
  },
  {
    id: 'event-fifo-same-name',
    group: 'events',
    about: 'three waits with the same name and type (counted 1, 2, 3) get the events in order',
    workflow: async ({ step }) => {
      const got = [];
      for (let i = 1; i <= 3; i += 1) got.push((await step.waitForEvent('w', { type: 'n', timeout: 5000 })).payload);
      return got;
    },
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      for (const n of ['a', 'b', 'c']) await api.sendEvent(id, { type: 'n', payload: n });
      return ended(api, id);
    },
  },
  {
    id: 'event-types-apart',
    group: 'events',
    about: 'events of two types sent in the opposite order of the waits: each wait gets its type',
    workflow: async ({ step }) => {
      await step.do('slow', () => pause(200));
      const a = await step.waitForEvent('a', { type: 'A', timeout: 5000 });
      const b = await step.waitForEvent('b', { type: 'B', timeout: 5000 });
      return [a.payload, b.payload];
    },
    drive: async (api) => {
      const id = await api.create({});
      await api.sendEvent(id, { type: 'B', payload: 'for b' });
      await api.sendEvent(id, { type: 'A', payload: 'for a' });
      return ended(api, id);
    },
  },
  {
    id: 'event-timeout',
    group: 'events',
    about: 'no event within the timeout (100 ms): the instance errors',
    workflow: ({ step }) => step.waitForEvent('w', { type: 'never', timeout: 100 }),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'event-timeout-caught',
    group: 'events',
    about: 'run() catches the wait timeout ("0.15 seconds") and goes on',
    workflow: async ({ step }) => {
      try {
        await step.waitForEvent('w', { type: 'never', timeout: '0.15 seconds' });
        return 'got one';
      } catch (e) {
        return { name: e.name, message: e.message };
      }
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'event-payload-default',
    group: 'events',
    about: 'sendEvent without a payload: what the wait receives',
    workflow: async ({ step }) => received(await step.waitForEvent('w', { type: 'go', timeout: 5000 })),
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      await api.sendEvent(id, { type: 'go' });
      return ended(api, id);
    },
  },
  {
    id: 'event-to-finished',
    group: 'events',
    about: 'sendEvent to a complete instance',
    workflow: async () => 'done',
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      const sent = await api.attempt(() => api.sendEvent(id, { type: 'late', payload: 1 }));
      return { compare: { status, sent, after: await api.status(id) } };
    },
  },
  {
    id: 'event-type-empty',
    group: 'events',
    about: 'sendEvent with an empty type',
    workflow: ({ step }) => step.waitForEvent('w', { type: 'go', timeout: 300 }),
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      return {
        compare: { sent: await api.attempt(() => api.sendEvent(id, { type: '' })), ...(await ended(api, id)).compare },
      };
    },
  },
  {
    id: 'event-replay-runs',
    group: 'events',
    about: 'a step, a wait, an event: does run() start again after the wait (replay)?',
    workflow: async ({ step, t }) => {
      await step.do('a', async (ctx) => t({ step: 'a', attempt: ctx.attempt }));
      return (await step.waitForEvent('w', { type: 'go', timeout: 5000 })).payload;
    },
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      await api.sleep(100);
      await api.sendEvent(id, { type: 'go', payload: 'p' });
      const status = await api.until(id);
      const trace = await api.trace(id);
      return {
        compare: { status, stepAttempts: attemptsOf(trace, 'a').length },
        info: { runStarts: runStarts(trace) },
      };
    },
  },
];

export default [...errorsCrossing, ...events];
