import { describe, expect, it } from 'vitest';
import type { WorkflowFile } from '../../persistence';
import { createFakeClient } from '../test-support/fake-client';
import { runWorkflow } from './run-workflow';

const FILE: WorkflowFile = { id: 'f1', name: 'order.py', source: 'src', version: 3, createdAt: 0, updatedAt: 0 };
const saved = async () => FILE;

describe('runWorkflow()', () => {
  it('loads the saved version of the file, then creates an instance of its first workflow', async () => {
    const { client, calls } = createFakeClient();
    const outcome = await runWorkflow({ client, saveOpenFile: saved }, { params: { a: 1 }, id: 'run-1' });
    expect(outcome).toEqual({ ok: true, id: 'run-1', workflowName: 'order-workflow' });
    expect(calls).toEqual([
      ['loadSource', { fileId: 'f1', version: 3, name: 'order.py', source: 'src' }],
      ['create', { fileId: 'f1', workflowName: 'order-workflow', id: 'run-1', params: { a: 1 } }],
    ]);
  });

  it('loads the file with its checked mocks; bad mocks stop the run with one line per bad rule', async () => {
    const { client, calls } = createFakeClient();
    const mocked = { ...FILE, mocks: '{"http": [{"url": "https://a.example/*", "json": {"ok": true}}]}' };
    await runWorkflow({ client, saveOpenFile: async () => mocked }, { params: undefined });
    expect(calls[0]?.[1]).toMatchObject({
      mocks: { http: [{ method: '*', url: 'https://a.example/*', status: 200 }] },
    });

    const bad = { ...FILE, mocks: '{"http": [{"url": "https://a.example/*", "status": "ok"}]}' };
    const { client: fresh, calls: freshCalls } = createFakeClient();
    // The Mocks panel saved after the editor's copy of the file was read: the stored text wins.
    await runWorkflow({ client: fresh, saveOpenFile: saved, mocksOf: async () => mocked.mocks }, { params: undefined });
    expect(freshCalls[0]?.[1]).toMatchObject({ mocks: { http: [{ url: 'https://a.example/*' }] } });

    const { client: other, calls: none } = createFakeClient();
    expect(await runWorkflow({ client: other, saveOpenFile: async () => bad }, { params: undefined })).toEqual({
      ok: false,
      failure: {
        title: 'The mocks of order.py have a problem',
        message:
          'http[0].status: expected a number, got "ok"\nFix them in the Mocks panel, or empty it to run without mocks.',
      },
    });
    expect(none).toEqual([]);
  });

  it('sends neither id nor params when the user gave none', async () => {
    const { client, calls } = createFakeClient();
    await runWorkflow({ client, saveOpenFile: saved }, { params: undefined, id: '' });
    expect(calls[1]).toEqual(['create', { fileId: 'f1', workflowName: 'order-workflow' }]);
  });

  it('reports a Python load error with its line and traceback, and creates nothing', async () => {
    const { client, calls } = createFakeClient({
      loadSource: async (f) => ({
        ok: false,
        fileId: f.fileId,
        version: f.version,
        error: { name: 'SyntaxError', message: "'(' was never closed", line: 7, traceback: 'Traceback…' },
      }),
    });
    const outcome = await runWorkflow({ client, saveOpenFile: saved }, { params: undefined });
    expect(outcome).toEqual({
      ok: false,
      failure: {
        title: 'Python could not load order.py (line 7)',
        message: "SyntaxError: '(' was never closed",
        line: 7,
        traceback: 'Traceback…',
      },
    });
    expect(calls.filter((c) => c[0] === 'create')).toEqual([]);
  });

  it('shows the executor’s error verbatim when create fails', async () => {
    const error = Object.assign(new Error('(instance.already_exists) Workflow instance with id "x" already exists'), {
      name: 'WorkflowError',
    });
    const { client } = createFakeClient({
      create: async () => {
        throw error;
      },
    });
    const outcome = await runWorkflow({ client, saveOpenFile: saved }, { params: undefined, id: 'x' });
    expect(outcome).toMatchObject({
      ok: false,
      failure: { message: 'WorkflowError: (instance.already_exists) Workflow instance with id "x" already exists' },
    });
  });

  it('says which workflows exist when the wanted one is not in the file', async () => {
    const { client } = createFakeClient();
    const outcome = await runWorkflow({ client, saveOpenFile: saved }, { params: undefined, workflowName: 'nope' });
    expect(outcome).toMatchObject({
      ok: false,
      failure: {
        title: 'No workflow named "nope" in this file',
        message: 'This file defines: order-workflow (class OrderWorkflow).',
      },
    });
  });

  it('reports a failed save before touching Python', async () => {
    const { client, calls } = createFakeClient();
    const outcome = await runWorkflow(
      {
        client,
        saveOpenFile: async () => {
          throw Object.assign(new Error('disk full'), { name: 'StorageFullError' });
        },
      },
      { params: undefined },
    );
    expect(outcome).toMatchObject({ ok: false, failure: { message: 'StorageFullError: disk full' } });
    expect(calls).toEqual([]);
  });
});
