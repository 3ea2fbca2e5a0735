import { describe, expect, it } from 'vitest';
import type { InstanceHandle, WorkflowBinding } from '../engine';
import { createEnvHost } from './env-host';

const handle: InstanceHandle = {
  id: 'h1',
  status: async () => ({ status: 'running', output: null, error: null }),
  pause: async () => {},
  resume: async () => {},
  terminate: async () => {},
  restart: async () => {},
  sendEvent: async () => {},
};

describe('createEnvHost()', () => {
  it('passes JSON options to the binding and answers with JSON text', async () => {
    const calls: unknown[] = [];
    const binding: WorkflowBinding = {
      create: async (opts) => {
        calls.push(opts);
        return handle;
      },
      createBatch: async () => [handle],
      get: async () => handle,
    };
    const host = createEnvHost(() => binding);
    expect(await host.create('MY_WORKFLOW', '{"id":"a","params":{"n":1}}')).toBe(handle);
    expect(calls).toEqual([{ id: 'a', params: { n: 1 } }]);
    expect(await host.call(handle, 'status', 'null')).toBe('{"status":"running","output":null,"error":null}');
  });

  it('rejects a method instances do not have', async () => {
    const host = createEnvHost(() => {
      throw new Error('unused');
    });
    await expect(host.call(handle, 'explode', 'null')).rejects.toThrow('Workflow instances have no method explode');
  });
});
