// Sleeps, the step limit (the LIMITED binding allows 5 step.do calls) and validation messages.
import { attemptsOf, runStarts, untilTraced } from '../observe.mjs';

const ended = async (api, id) => ({ compare: { status: await api.until(id) } });
const endedLimited = async (api) => ended(api, await api.create({}, 'limited'));
const steps =
  (n) =>
  async ({ step }) => {
    let sum = 0;
    for (let i = 1; i <= n; i += 1) sum += await step.do(`s${i}`, async () => i);
    return sum;
  };

const sleeps = [
  {
    id: 'sleep-ms',
    group: 'sleeps',
    about: 'sleep(name, 120) between two steps: a number is milliseconds; the time it took',
    workflow: async ({ step, t }) => {
      await step.do('a', async () => t({ mark: 'before' }));
      await step.sleep('nap', 120);
      await step.do('b', async () => t({ mark: 'after' }));
      return 'slept';
    },
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      const marks = (await api.trace(id)).filter((e) => e.mark);
      const slept = marks[1].at - marks[0].at;
      return { compare: { status, sleptAtLeast120: slept >= 115 }, info: { sleptMs: slept } };
    },
  },
  {
    id: 'sleep-string',
    group: 'sleeps',
    about: 'sleep(name, "0.1 seconds")',
    workflow: async ({ step }) => {
      await step.sleep('nap', '0.1 seconds');
      return 'slept';
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'sleep-until-date',
    group: 'sleeps',
    about: 'sleepUntil(name, a Date 100 ms ahead)',
    workflow: async ({ step }) => {
      const at = await step.do('when', async () => Date.now() + 100);
      await step.sleepUntil('until', new Date(at));
      return 'woke';
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'sleep-until-number',
    group: 'sleeps',
    about: 'sleepUntil(name, epoch milliseconds as a number, 100 ms ahead)',
    workflow: async ({ step }) => {
      const at = await step.do('when', async () => Date.now() + 100);
      await step.sleepUntil('until', at);
      return 'woke';
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'sleep-until-past',
    group: 'sleeps',
    about: 'sleepUntil(name, a time in the past)',
    workflow: async ({ step }) => {
      await step.sleepUntil('past', new Date(Date.now() - 60_000));
      return 'woke';
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'sleep-replay',
    group: 'sleeps',
    about: 'a step, then two sleeps: how often run() starts, how often the step body runs',
    workflow: async ({ step, t }) => {
      await step.do('a', async (ctx) => t({ step: 'a', attempt: ctx.attempt }));
      await step.sleep('nap', 50);
      await step.sleep('nap', 50);
      return 'done';
    },
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      const trace = await api.trace(id);
      // Whether run() started again, not how often: how many runs an engine uses for two sleeps is timing.
      return {
        compare: { status, replayed: runStarts(trace) > 1, stepBodies: attemptsOf(trace, 'a').length },
        info: { runStarts: runStarts(trace) },
      };
    },
  },
  {
    id: 'sleep-status',
    group: 'sleeps',
    about: 'status() while the instance sleeps 400 ms',
    workflow: async ({ step }) => {
      await step.sleep('nap', 400);
      return 'done';
    },
    drive: async (api) => {
      const id = await api.create({});
      await untilTraced(api, id, (e) => e.run === 'start');
      await api.sleep(150);
      const during = await api.status(id);
      return { compare: { during, ...(await ended(api, id)).compare } };
    },
  },
];

const limits = [
  {
    id: 'step-limit-exact',
    group: 'step limit',
    about: 'limit 5: five step.do calls complete',
    workflow: steps(5),
    drive: endedLimited,
  },
  {
    id: 'step-limit-exceeded',
    group: 'step limit',
    about: 'limit 5: the sixth step.do call',
    workflow: steps(6),
    drive: endedLimited,
  },
  {
    id: 'step-limit-caught',
    group: 'step limit',
    about: "limit 5: run() catches the sixth call's error",
    workflow: async ({ step }) => {
      await steps(5)({ step });
      try {
        await step.do('s6', async () => 6);
        return 'no error';
      } catch (e) {
        return { name: e.name, message: e.message };
      }
    },
    drive: endedLimited,
  },
  {
    id: 'step-limit-sleeps-free',
    group: 'step limit',
    about: 'limit 5: sleeps do not count, five steps and two sleeps complete',
    workflow: async ({ step }) => {
      await step.sleep('z1', 10);
      const sum = await steps(5)({ step });
      await step.sleep('z2', 10);
      return sum;
    },
    drive: endedLimited,
  },
];

const validation = [
  {
    id: 'invalid-instance-id',
    group: 'validation',
    about: 'create({id: "bad id!"})',
    workflow: async () => 'never',
    drive: async (api) => ({ compare: { create: await api.attempt(() => api.create({ id: 'bad id!' })) } }),
  },
  {
    id: 'instance-id-too-long',
    group: 'validation',
    about: 'create with a 101-character id (100 is allowed)',
    workflow: async () => 'ok',
    drive: async (api) => ({
      compare: {
        at101: await api.attempt(() => api.create({ id: `x${'y'.repeat(100)}` })),
        at100: (await api.attempt(() => api.create({ id: `k${'y'.repeat(99)}` }))).ok,
      },
    }),
  },
  {
    id: 'duplicate-instance-id',
    group: 'validation',
    about: 'create twice with the same id',
    workflow: async () => 'once',
    drive: async (api) => {
      const id = 'dup-instance';
      await api.create({ id });
      await api.until(id);
      return { compare: { second: await api.attempt(() => api.create({ id })), status: await api.status(id) } };
    },
  },
  {
    id: 'unknown-instance',
    group: 'validation',
    about: 'get() an id that was never created',
    workflow: async () => 'never',
    drive: async (api) => ({ compare: { status: await api.attempt(() => api.status('never-created-42')) } }),
  },
  {
    id: 'step-name-too-long',
    group: 'validation',
    about: 'a step name of 257 characters',
    workflow: ({ step }) => step.do('n'.repeat(257), async () => 1),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'config-missing-delay',
    group: 'validation',
    about: 'retries without delay',
    workflow: ({ step }) => step.do('s', { retries: { limit: 1 } }, async () => 1),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'config-unknown-key',
    group: 'validation',
    about: 'a config with an unknown key',
    workflow: ({ step }) => step.do('s', { retry: { limit: 1, delay: 1 } }, async () => 1),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'config-timeout-zero',
    group: 'validation',
    about: 'timeout: 0',
    workflow: ({ step }) => step.do('s', { timeout: 0 }, async () => 1),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'config-bad-duration',
    group: 'validation',
    about: 'retries.delay "i like trains"',
    workflow: ({ step }) => step.do('s', { retries: { limit: 1, delay: 'i like trains' } }, async () => 1),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'sleep-too-long',
    group: 'validation',
    about: 'sleep(name, "366 days") (the documented maximum is 365 days); terminated after a look',
    workflow: async ({ step }) => {
      await step.sleep('long', '366 days');
      return 'woke';
    },
    drive: async (api) => {
      const id = await api.create({});
      const seen = await api.settledIn(id);
      await api.attempt(() => api.terminate(id));
      return { compare: { status: seen } };
    },
  },
  {
    id: 'wait-timeout-too-long',
    group: 'validation',
    about: 'waitForEvent with timeout "366 days"; terminated after a look',
    workflow: ({ step }) => step.waitForEvent('w', { type: 'go', timeout: '366 days' }),
    drive: async (api) => {
      const id = await api.create({});
      const seen = await api.settledIn(id);
      await api.attempt(() => api.terminate(id));
      return { compare: { status: seen } };
    },
  },
  {
    id: 'config-delay-function',
    group: 'validation',
    about: 'retries.delay given as a function of the attempt',
    workflow: ({ step }) =>
      step.do('s', { retries: { limit: 2, delay: () => 20 } }, async (ctx) => {
        if (ctx.attempt < 2) throw new Error('again');
        return ctx.attempt;
      }),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'config-sensitive',
    group: 'validation',
    about: 'a step config with sensitive: "output"',
    workflow: ({ step }) => step.do('s', { sensitive: 'output' }, async () => 'secret'),
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'step-without-callback',
    group: 'validation',
    about: 'step.do(name, config) without a callback',
    workflow: ({ step }) => step.do('s', {}),
    drive: async (api) => ended(api, await api.create({})),
  },
];

export default [...sleeps, ...limits, ...validation];
