import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../test-support/fake-client';
import { linkInstanceFile } from './instance-actions';

describe('linkInstanceFile()', () => {
  it('asks the executor to link the instance to the file', async () => {
    const { client, calls } = createFakeClient();
    expect(await linkInstanceFile(client, 'order-7', 'f2')).toBeNull();
    expect(calls).toEqual([['linkInstanceFile', 'order-7', 'f2']]);
  });

  it('returns the executor’s refusal as the user reads it', async () => {
    const refusal = Object.assign(
      new Error(
        'Instance "order-7" already runs the code of another studio file; it can only be linked to a file while it has none.',
      ),
      { name: 'WorkflowError' },
    );
    const { client } = createFakeClient({
      linkInstanceFile: async () => {
        throw refusal;
      },
    });
    expect(await linkInstanceFile(client, 'order-7', 'f2')).toBe(
      'WorkflowError: Instance "order-7" already runs the code of another studio file; it can only be linked to a file while it has none.',
    );
  });
});
