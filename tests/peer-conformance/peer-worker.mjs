// Cloudflare's side of the differential suite: the worker miniflare (workerd) loads. Two workflow bindings run
// the same dispatcher: CONFORMANCE, and LIMITED (a step limit of 5, for the step-limit scenarios). The fetch
// handler is the driver's way in: POST /op {op, binding, scenario, ...} → {ok, value} or {ok:false, thrown}.
import { WorkflowEntrypoint } from 'cloudflare:workers';
import { createDispatcher } from './dispatch.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { encode, errorOf } from './values.mjs';

const dispatcher = createDispatcher(SCENARIOS);

export class ConformanceWorkflow extends WorkflowEntrypoint {
  async run(event, step) {
    return dispatcher.run(event, step);
  }
}
export class LimitedWorkflow extends ConformanceWorkflow {}

/** status() as the suite compares it: the local-dev-only list of step outputs is left out. */
async function statusOf(handle) {
  const { __LOCAL_DEV_STEP_OUTPUTS: _localOnly, ...status } = await handle.status();
  return encode(status);
}

async function perform(cmd, env) {
  const binding = cmd.binding === 'limited' ? env.LIMITED : env.CONFORMANCE;
  switch (cmd.op) {
    case 'create':
      dispatcher.use(cmd.scenario, [cmd.opts?.id]);
      return (await binding.create(cmd.opts)).id;
    case 'createBatch':
      dispatcher.use(
        cmd.scenario,
        (cmd.list ?? []).map((o) => o?.id),
      );
      return (await binding.createBatch(cmd.list)).map((h) => h.id);
    case 'status':
      return statusOf(await binding.get(cmd.id));
    case 'pause':
    case 'resume':
    case 'terminate':
      await (await binding.get(cmd.id))[cmd.op]();
      return null;
    case 'restart':
      await (await binding.get(cmd.id)).restart(cmd.opts);
      return null;
    case 'sendEvent':
      await (await binding.get(cmd.id)).sendEvent(cmd.event);
      return null;
    case 'trace':
      return dispatcher.traces.read(cmd.id);
    default:
      throw new Error(`unknown op ${cmd.op}`);
  }
}

export default {
  async fetch(request, env) {
    const cmd = await request.json();
    try {
      return Response.json({ ok: true, value: await perform(cmd, env) });
    } catch (error) {
      return Response.json({ ok: false, thrown: errorOf(error) });
    }
  },
};
