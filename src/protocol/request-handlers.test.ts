/**
 * `RequestHandlers` types each handler with its own request and its own output (`OutputOf`), so the worker
 * cannot answer a request with another request's output: the `@ts-expect-error` lines below stop compiling
 * (`npm run typecheck` fails) if the table ever loosens to "any output for any request".
 */
import { describe, expect, it } from 'vitest';
import type { RequestHandlers } from './index';

describe('RequestHandlers', () => {
  it('types each handler by its request', async () => {
    const pause: RequestHandlers['pause-instance'] = async (input) => {
      expect(input.id).toBe('a');
      return { type: 'done' };
    };
    // @ts-expect-error a pause is answered with done, not with instances-created
    const wrongOutput: RequestHandlers['pause-instance'] = async () => ({ type: 'instances-created', ids: [] });
    // @ts-expect-error a create's input has no `from`: handlers get their own request, not any request
    const wrongInput: RequestHandlers['create-instance'] = async ({ from }) => ({
      type: 'instances-created',
      ids: [from],
    });
    expect(await pause({ type: 'pause-instance', id: 'a' })).toEqual({ type: 'done' });
    expect([typeof wrongOutput, typeof wrongInput]).toEqual(['function', 'function']);
  });
});
