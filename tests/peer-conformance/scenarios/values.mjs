// Status shapes and the values that cross a step, run() and create(): typed arrays, undefined, null, Date, …
import { untilTraced } from '../observe.mjs';

const ended = async (api, id) => ({ compare: { status: await api.until(id) } });

/** A scenario whose step returns `make()` and whose run() returns what the step gave back. */
const stepValue = (id, about, make) => ({
  id,
  group: 'values',
  about,
  workflow: async ({ step }) => {
    const value = await step.do('v', async () => make());
    return value;
  },
  drive: async (api) => ended(api, await api.create({})),
});
/** A scenario whose run() itself returns `make()`. */
const runValue = (id, about, make) => ({
  id,
  group: 'values',
  about,
  workflow: async () => make(),
  drive: async (api) => ended(api, await api.create({})),
});
/** A scenario that creates with `opts` and returns the payload run() received. */
const params = (id, about, opts) => ({
  id,
  group: 'params',
  about,
  workflow: async ({ event }) => ({ payload: event.payload === undefined ? 'undefined' : event.payload }),
  drive: async (api) => ended(api, await api.create(opts)),
});

export default [
  stepValue('step-typed-array', 'a step returns a Uint8Array', () => new Uint8Array([1, 2, 255])),
  stepValue('step-date', 'a step returns a Date', () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5))),
  stepValue('step-undefined', 'a step returns undefined', () => undefined),
  stepValue('step-null', 'a step returns null', () => null),
  stepValue('step-nested-undefined', 'a step returns {a: undefined, b: [undefined, 1]}', () => ({
    a: undefined,
    b: [undefined, 1],
  })),
  stepValue('step-non-finite', 'a step returns [NaN, Infinity, -0]', () => [Number.NaN, Number.POSITIVE_INFINITY, -0]),
  stepValue('step-map-set', 'a step returns a Map and a Set', () => ({ m: new Map([['k', 1]]), s: new Set([1, 2]) })),
  stepValue('step-bigint', 'a step returns a BigInt', () => 2n ** 64n),
  stepValue('step-function', 'a step returns a function (not serialisable)', () => () => 1),
  runValue('run-undefined', 'run() returns undefined', () => undefined),
  runValue('run-null', 'run() returns null', () => null),
  runValue('run-date', 'run() returns a Date', () => new Date(Date.UTC(2026, 0, 2))),
  runValue('run-typed-array', 'run() returns a Float64Array', () => new Float64Array([0.5, -1])),
  params('params-default', 'create() without params', undefined),
  params('params-null', 'create({params: null})', { params: null }),
  params('params-object', 'create({params: {…}})', { params: { order: 'A-17', n: [1, 2] } }),
  {
    id: 'params-over-1mib',
    group: 'params',
    about: 'create() with params of 1 MiB + 1 KiB',
    workflow: async ({ event }) => event.payload.blob.length,
    drive: async (api) => {
      const created = await api.attempt(() =>
        api.create({ id: 'big-params', params: { blob: 'x'.repeat(1025 * 1024) } }),
      );
      return {
        compare: {
          created: created.ok ? 'created' : created,
          status: created.ok ? await api.until('big-params') : null,
        },
      };
    },
  },
  {
    id: 'status-shape-waiting',
    group: 'status',
    about: 'status() of a waiting instance: keys and values',
    workflow: ({ step }) => step.waitForEvent('w', { type: 'go', timeout: 5000 }),
    drive: async (api) => {
      const id = await api.create({});
      await api.settledIn(id);
      const waiting = await api.rawStatus(id);
      await api.sendEvent(id, { type: 'go', payload: 1 });
      await api.until(id);
      return { compare: { waiting } };
    },
  },
  {
    id: 'status-shape-running',
    group: 'status',
    about: 'status() while a step runs (300 ms), read once the step body has started',
    workflow: async ({ step, t }) =>
      step.do('slow', async () => {
        t({ mark: 'started' });
        await new Promise((r) => setTimeout(r, 300));
        return 'slow';
      }),
    drive: async (api) => {
      const id = await api.create({});
      await untilTraced(api, id, (e) => e.mark === 'started');
      const running = await api.rawStatus(id);
      await api.until(id);
      return { compare: { running, complete: await api.rawStatus(id) } };
    },
  },
];
