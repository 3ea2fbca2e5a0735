// How steps are counted and run: repeated names, steps in parallel, results near and over 1 MiB.
import { attemptsOf, pause } from '../observe.mjs';

const ended = async (api, id) => ({ compare: { status: await api.until(id) } });
const MIB = 1024 * 1024;
/** A step config without retries: a result the engine refuses fails the step at once on either side. */
const NO_RETRIES = { retries: { limit: 0, delay: 0 } };

export default [
  {
    id: 'step-same-name-counts',
    group: 'steps',
    about: 'three steps with the same name: ctx.step.count is 1, 2, 3 and each result is its own',
    workflow: async ({ step }) => {
      const out = [];
      for (let i = 0; i < 3; i += 1) out.push(await step.do('same', async (ctx) => ctx.step));
      return out;
    },
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'steps-in-parallel',
    group: 'steps',
    about: 'Promise.all of three 100 ms steps: all results, in order, and whether they overlapped',
    workflow: async ({ step, t }) => {
      const one = (name) =>
        step.do(name, async () => {
          t({ step: name, mark: 'start' });
          await pause(100);
          t({ step: name, mark: 'end' });
          return name;
        });
      return Promise.all([one('p1'), one('p2'), one('p3')]);
    },
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      const trace = await api.trace(id);
      const firstEnd = Math.min(...trace.filter((e) => e.mark === 'end').map((e) => e.at));
      const startsBeforeFirstEnd = trace.filter((e) => e.mark === 'start' && e.at <= firstEnd).length;
      return { compare: { status, overlapped: startsBeforeFirstEnd === 3 } };
    },
  },
  {
    id: 'parallel-retry-independent',
    group: 'steps',
    about: 'two steps in parallel, one fails twice: each keeps its own attempt count',
    workflow: async ({ step, t }) => {
      const flaky = step.do('flaky', { retries: { limit: 3, delay: 20, backoff: 'constant' } }, async (ctx) => {
        t({ step: 'flaky', attempt: ctx.attempt });
        if (ctx.attempt < 3) throw new Error('not yet');
        return 'flaky ok';
      });
      const steady = step.do('steady', async (ctx) => {
        t({ step: 'steady', attempt: ctx.attempt });
        return 'steady ok';
      });
      return Promise.all([flaky, steady]);
    },
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      const trace = await api.trace(id);
      return {
        compare: { status, flaky: attemptsOf(trace, 'flaky').length, steady: attemptsOf(trace, 'steady').length },
      };
    },
  },
  {
    id: 'step-result-near-1mib',
    group: 'steps',
    about: 'a step returns a string of 1 MiB − 1 KiB: stored, returned whole',
    workflow: async ({ step }) => (await step.do('big', async () => 'x'.repeat(MIB - 1024))).length,
    drive: async (api) => ended(api, await api.create({})),
  },
  {
    id: 'step-result-over-1mib',
    group: 'steps',
    about: 'a step returns a string of 1 MiB + 1 KiB (no retries, so a refused result fails the step at once)',
    workflow: async ({ step }) => (await step.do('big', NO_RETRIES, async () => 'x'.repeat(MIB + 1024))).length,
    drive: async (api) => ended(api, await api.create({ id: 'big-result' })),
  },
  {
    id: 'step-result-over-1mib-caught',
    group: 'steps',
    about: 'run() tries to catch the error of a step returning 1 MiB + 1 KiB (no retries)',
    workflow: async ({ step }) => {
      try {
        return (await step.do('big', NO_RETRIES, async () => 'x'.repeat(MIB + 1024))).length;
      } catch (e) {
        return { caught: true, name: e.name, message: e.message };
      }
    },
    drive: async (api) => ended(api, await api.create({ id: 'big-result-caught' })),
  },
  {
    id: 'step-readable-stream',
    group: 'steps',
    about: 'a step returns a ReadableStream of bytes; run() reads it back as text',
    workflow: async ({ step }) => {
      const body = await step.do(
        'stream',
        async () =>
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('streamed'));
              controller.close();
            },
          }),
      );
      return new Response(body).text();
    },
    drive: async (api) => ended(api, await api.create({})),
  },
];
