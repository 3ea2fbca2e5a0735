import type { InstanceHandle, WorkflowBinding } from '../engine';
import { toPythonJson } from './json-text';

/**
 * What Python's `self.env.<BINDING>` calls (see `workers/_bindings.py`). Arguments arrive as JSON text, so a
 * Python dict and a JS object look the same to the engine; results go back as JSON text or as the engine's
 * `InstanceHandle` (a plain JS object Python holds as a JsProxy).
 */
export function createEnvHost(binding: (bindingName: string) => WorkflowBinding) {
  return {
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
