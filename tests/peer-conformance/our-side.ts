/**
 * Our side of the differential suite: the engine's TypeScript API with a real clock and an in-memory journal,
 * running the same scenario bodies as the peer. Two engines stand for the peer's two bindings: `main`, and
 * `limited` with a step limit of 5. Workflow bodies get Cloudflare's JavaScript step API through `cfStep`, the
 * thinnest adapter that types require (argument order of `do`, a Date for `sleepUntil`), nothing more: what our
 * engine does with the call is what is compared.
 */
import {
  createEngine,
  createMemoryJournalStore,
  createRealClock,
  type Engine,
  type StepFn,
  type WorkflowBody,
  type WorkflowStep,
} from '../../src/engine';
import type { Binding, Call, Reply } from './api';
import { createDispatcher } from './dispatch.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { encode, errorOf } from './values.mjs';

export const LIMITED_STEP_LIMIT = 5;

/** Cloudflare's `step` (JavaScript): `do(name, [config,] fn)`, `sleepUntil(name, Date | number)`. */
function cfStep(step: WorkflowStep) {
  return {
    do(name: string, configOrFn: unknown, maybeFn?: unknown) {
      const [config, fn] = typeof configOrFn === 'function' ? [undefined, configOrFn] : [configOrFn, maybeFn];
      return step.do(name, fn as StepFn, config);
    },
    sleep: (name: string, duration: number | string) => step.sleep(name, duration),
    sleepUntil: (name: string, at: Date | number) => step.sleepUntil(name, at instanceof Date ? at.getTime() : at),
    waitForEvent: (name: string, opts: { type: string; timeout?: number | string }) => step.waitForEvent(name, opts),
  };
}

/** Our engines, answering the suite's commands as peer-worker.mjs does for miniflare. */
export function createOurSide(): { call: Call; dispose(): void } {
  const dispatcher = createDispatcher(SCENARIOS);
  const body: WorkflowBody = (ctx) => dispatcher.run(ctx.event, cfStep(ctx.step));
  const engineWith = (stepLimit?: number): Engine =>
    createEngine({
      store: createMemoryJournalStore(),
      clock: createRealClock({ now: () => Date.now(), setTimeout, clearTimeout }),
      resolveWorkflow: (name) => (name === 'conformance' ? body : undefined),
      defer: (cb) => setImmediate(cb),
      ...(stepLimit === undefined ? {} : { stepLimit }),
    });
  const engines: Record<Binding, Engine> = { main: engineWith(), limited: engineWith(LIMITED_STEP_LIMIT) };

  const perform = async (cmd: Parameters<Call>[0]): Promise<unknown> => {
    const binding = engines[cmd.binding].binding('conformance');
    switch (cmd.op) {
      case 'create': {
        dispatcher.use(cmd.scenario, [(cmd.opts as { id?: unknown } | undefined)?.id]);
        return (await binding.create(cmd.opts as never)).id;
      }
      case 'createBatch':
        dispatcher.use(
          cmd.scenario,
          cmd.list.map((o) => (o as { id?: unknown } | undefined)?.id),
        );
        return (await binding.createBatch(cmd.list as never)).map((h) => h.id);
      case 'status':
        return encode(await (await binding.get(cmd.id)).status());
      case 'pause':
      case 'resume':
      case 'terminate':
        await (await binding.get(cmd.id))[cmd.op]();
        return null;
      case 'restart':
        await (await binding.get(cmd.id)).restart(cmd.opts as never);
        return null;
      case 'sendEvent':
        await (await binding.get(cmd.id)).sendEvent(cmd.event as never);
        return null;
      case 'trace':
        return dispatcher.traces.read(cmd.id);
    }
  };
  return {
    async call(cmd): Promise<Reply> {
      try {
        // Through JSON, as the peer's replies come over HTTP: both sides' values compare alike.
        return JSON.parse(JSON.stringify({ ok: true, value: await perform(cmd) })) as Reply;
      } catch (error) {
        return { ok: false, thrown: errorOf(error) };
      }
    },
    dispose() {
      for (const engine of Object.values(engines)) engine.dispose();
    },
  };
}
