// Retries, backoff, per-attempt timeouts and NonRetryableError. Delays are ms-scale so the peer runs fast.
import { attemptsOf, backoffShape, gapRatios, gapsOf, NonRetryableError, pause } from '../observe.mjs';

/** A step that fails its first `fails` attempts (recording each), then returns `done`. */
const flaky = (t, name, fails) => async (ctx) => {
  t({ step: name, attempt: ctx.attempt });
  if (ctx.attempt <= fails) throw new Error(`${name} failed attempt ${ctx.attempt}`);
  return 'done';
};

/** Drives one instance to its end and reports status, attempts and the backoff shape of step `name`. */
const retried = (name, delayMs) => async (api) => {
  const id = await api.create({});
  const status = await api.until(id);
  const trace = await api.trace(id);
  const gaps = gapsOf(trace, name);
  return {
    compare: { status, attempts: attemptsOf(trace, name).map((e) => e.attempt), gaps: backoffShape(gaps, delayMs) },
    info: { gapRatios: gapRatios(gaps), gapsMs: gaps },
  };
};

const backoff = (kind) => ({
  id: `retry-${kind}`,
  group: 'retries',
  about: `3 failed attempts, then success; delay 150 ms, ${kind} backoff`,
  workflow: ({ step, t }) => step.do('s', { retries: { limit: 5, delay: 150, backoff: kind } }, flaky(t, 's', 3)),
  drive: retried('s', 150),
});

export default [
  backoff('exponential'),
  backoff('linear'),
  backoff('constant'),
  {
    id: 'retry-exhausted',
    group: 'retries',
    about: 'limit 2, every attempt fails: the last error ends the instance',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 2, delay: 100, backoff: 'constant' } }, flaky(t, 's', 99)),
    drive: retried('s', 100),
  },
  {
    id: 'retry-limit-zero',
    group: 'retries',
    about: 'limit 0: one attempt only',
    workflow: ({ step, t }) => step.do('s', { retries: { limit: 0, delay: 10 } }, flaky(t, 's', 99)),
    drive: retried('s', 10),
  },
  {
    id: 'retry-delay-string',
    group: 'retries',
    about: 'retries.delay as a string with decimals ("0.1 seconds")',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 3, delay: '0.1 seconds', backoff: 'constant' } }, flaky(t, 's', 2)),
    drive: retried('s', 100),
  },
  {
    id: 'retry-ctx',
    group: 'retries',
    about: 'what a step body receives as ctx on each attempt',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 2, delay: 10, backoff: 'constant' } }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt, ctx: JSON.parse(JSON.stringify(ctx)) });
        if (ctx.attempt < 2) throw new Error('again');
        return ctx;
      }),
    drive: async (api) => {
      const id = await api.create({});
      const status = await api.until(id);
      return { compare: { status, ctxs: (await api.trace(id)).filter((e) => e.ctx).map((e) => e.ctx) } };
    },
  },
  {
    id: 'default-config',
    group: 'retries',
    about: 'the config a step gets when it gives none (ctx.config)',
    workflow: ({ step }) => step.do('s', async (ctx) => ctx.config),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'config-merge',
    group: 'retries',
    about: 'a partial config is merged over the defaults (backoff and timeout kept)',
    workflow: ({ step }) => step.do('s', { retries: { limit: 1, delay: 5 } }, async (ctx) => ctx.config),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'retry-custom-error',
    group: 'retries',
    about: 'a custom Error subclass with its own name, failing for good',
    workflow: ({ step }) =>
      step.do('s', { retries: { limit: 1, delay: 5 } }, async () => {
        const e = new RangeError('out of range');
        e.name = 'QuotaError';
        throw e;
      }),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'retry-throw-string',
    group: 'retries',
    about: 'a step that throws a string, not an Error',
    workflow: ({ step }) =>
      step.do('s', { retries: { limit: 0, delay: 5 } }, async () => {
        throw 'plain string';
      }),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'duration-milliseconds',
    group: 'retries',
    about: 'a duration string in milliseconds ("40 milliseconds") as retries.delay',
    workflow: ({ step, t }) => step.do('s', { retries: { limit: 1, delay: '40 milliseconds' } }, flaky(t, 's', 1)),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'timeout-retried',
    group: 'timeouts',
    about: 'timeout 50 ms, the body takes 400 ms: each attempt times out, limit 1',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 1, delay: 10 }, timeout: 50 }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        await pause(400);
        return 'late';
      }),
    drive: retried('s', 10),
  },
  {
    id: 'timeout-then-success',
    group: 'timeouts',
    about: 'the first attempt times out (timeout "0.08 seconds"), the second returns at once',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 2, delay: 10 }, timeout: '0.08 seconds' }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        if (ctx.attempt === 1) await pause(400);
        return `attempt ${ctx.attempt}`;
      }),
    drive: retried('s', 10),
  },
  {
    id: 'timeout-caught',
    group: 'timeouts',
    about: 'run() catches a step that timed out for good and returns what it saw',
    workflow: async ({ step }) => {
      try {
        await step.do('s', { retries: { limit: 0, delay: 10 }, timeout: 30 }, () => pause(300));
        return 'no error';
      } catch (e) {
        return { name: e.name, message: e.message, isError: e instanceof Error };
      }
    },
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'non-retryable',
    group: 'non-retryable',
    about: 'NonRetryableError with retries left: one attempt, the instance errors',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 5, delay: 10 } }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        throw new NonRetryableError('card declined');
      }),
    drive: retried('s', 10),
  },
  {
    id: 'non-retryable-caught',
    group: 'non-retryable',
    about: 'run() catches the NonRetryableError of a step: what name and message it sees',
    workflow: async ({ step }) => {
      try {
        await step.do('s', { retries: { limit: 5, delay: 10 } }, async () => {
          throw new NonRetryableError('card declined');
        });
      } catch (e) {
        return { name: e.name, message: e.message };
      }
    },
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
  {
    id: 'non-retryable-by-message',
    group: 'non-retryable',
    about: 'a plain Error whose message starts with "NonRetryableError:"',
    workflow: ({ step, t }) =>
      step.do('s', { retries: { limit: 2, delay: 10 } }, async (ctx) => {
        t({ step: 's', attempt: ctx.attempt });
        throw new Error('NonRetryableError: by message');
      }),
    drive: retried('s', 10),
  },
  {
    id: 'non-retryable-message-empty',
    group: 'non-retryable',
    about: 'NonRetryableError with an empty message',
    workflow: ({ step }) =>
      step.do('s', async () => {
        throw new NonRetryableError('');
      }),
    drive: async (api) => ({ compare: { status: await api.until(await api.create({})) } }),
  },
];
