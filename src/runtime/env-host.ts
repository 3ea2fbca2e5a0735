import type { BindingCall, InstanceHandle, WorkflowBinding } from '../engine';
import type { EnvBindings } from './bindings/env-bindings';
import { fromPythonJson, toPythonJson } from './json-text';

/**
 * What Python's `self.env.<BINDING>` calls (see `workers/_bindings.py`). Arguments arrive as JSON text, so a
 * Python dict and a JS object look the same to the engine; results go back as JSON text or as the engine's
 * `InstanceHandle` (a plain JS object Python holds as a JsProxy).
 */
export function createEnvHost(
  binding: (bindingName: string) => WorkflowBinding,
  env: () => EnvBindings | undefined = () => undefined,
) {
  return {
    /** `self.env.NAME` beyond workflows (JSON): `{"kind": "kv" | "d1" | "r2"}`, `{"kind": "var" | "secret", "value"}`, or null. */
    describe: (name: string): string => toPythonJson(env()?.describe(name) ?? null),
    /** JSON list of the declared names (for error messages and `dir(self.env)`). */
    names: (): string => {
      const declared = env()?.env;
      if (!declared) return '[]';
      return JSON.stringify([
        ...declared.resources.map((r) => r.binding),
        ...Object.keys(declared.vars),
        ...Object.keys(declared.secrets),
      ]);
    },
    /** Runs a KV, D1 or R2 call; `record` (the attempt's, inside a step) journals it. */
    callBinding: async (name: string, op: string, argsJson: string, record?: (call: BindingCall) => void) => {
      const bindings = env();
      if (!bindings) throw new TypeError(`env.${name}: this file declares no bindings`);
      const args = fromPythonJson(argsJson) as unknown[];
      return toPythonJson(await bindings.call(name, op, args, record ?? undefined));
    },
    create: (bindingName: string, optsJson: string) => binding(bindingName).create(JSON.parse(optsJson)),
    createBatch: (bindingName: string, itemsJson: string) => binding(bindingName).createBatch(JSON.parse(itemsJson)),
    get: (bindingName: string, id: string) => binding(bindingName).get(id),
    call: async (handle: InstanceHandle, method: string, argJson: string): Promise<string> => {
      const arg = JSON.parse(argJson);
      switch (method) {
        case 'status':
          return toPythonJson(await handle.status());
        case 'pause':
          await handle.pause();
          return 'null';
        case 'resume':
          await handle.resume();
          return 'null';
        case 'terminate':
          await handle.terminate();
          return 'null';
        case 'restart':
          await handle.restart(arg ?? undefined);
          return 'null';
        case 'sendEvent':
          await handle.sendEvent(arg);
          return 'null';
        default:
          throw new TypeError(`Workflow instances have no method ${method}`);
      }
    },
  };
}
