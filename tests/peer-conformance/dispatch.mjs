// Which scenario an instance runs, on both sides. The suite runs one scenario at a time: `use(scenario, ids)`
// names the scenario of the instances about to be created (by id when the driver gives ids); an instance's
// first run binds it for good, so a later replay of an old instance never picks up the current scenario.
import { createTraces, encode } from './values.mjs';

export function createDispatcher(scenarios) {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const scenarioOf = new Map();
  const traces = createTraces();
  let current;
  return {
    traces,
    use(scenarioId, ids = []) {
      if (!byId.has(scenarioId)) throw new Error(`unknown scenario ${scenarioId}`);
      current = scenarioId;
      for (const id of ids) if (typeof id === 'string') scenarioOf.set(id, scenarioId);
    },
    /** The workflow's run(event, step), the same call on both sides. */
    async run(event, step) {
      const instanceId = event.instanceId;
      if (!scenarioOf.has(instanceId)) scenarioOf.set(instanceId, current);
      const scenario = byId.get(scenarioOf.get(instanceId));
      const t = (entry) => traces.record(instanceId, entry);
      t({ run: 'start', payload: encode(event.payload) });
      return scenario.workflow({ event, step, t });
    },
  };
}
