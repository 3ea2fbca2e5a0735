/** "Mock this request" against the studio's real database (fake IndexedDB): the rule lands in the right file. */
import { beforeEach, describe, expect, it } from 'vitest';
import { appStore } from '../../store';
import { filesRepo, studioDb } from '../data/studio-db';
import { mockThisRequest } from './mock-this-request';

const URL = 'https://api.example.com/v1/rates?base=EUR';

beforeEach(async () => {
  await studioDb.files.clear();
  await studioDb.instanceFiles.clear();
  appStore.setState({ notices: [], mocksOpen: false, activeFileId: null });
});

describe('mock this request', () => {
  it('adds the prefilled rule to the instance’s file and opens its Mocks panel', async () => {
    const file = await filesRepo.create('rates.py', 'x = 1\n');
    appStore.getState().openFile(file.id, file.source);
    await studioDb.instanceFiles.put({ instanceId: 'i1', fileId: file.id });
    await mockThisRequest('i1', 'GET', URL);
    expect(JSON.parse((await filesRepo.get(file.id))?.mocks ?? '')).toEqual({
      http: [{ method: 'GET', url: URL, status: 200, json: {} }],
      steps: {},
      events: [],
    });
    expect(appStore.getState().mocksOpen).toBe(true);
    expect(appStore.getState().notices).toEqual([]);
  });

  it('keeps mocks that are not a JSON object and says what to add; with no file at all it says so', async () => {
    const file = await filesRepo.create('rates.py', 'x = 1\n');
    appStore.getState().openFile(file.id, file.source);
    await filesRepo.saveMocks(file.id, '{"http": [');
    await mockThisRequest('no-file-instance', 'POST', URL);
    expect((await filesRepo.get(file.id))?.mocks).toBe('{"http": [');
    expect(appStore.getState().mocksOpen).toBe(true);
    expect(appStore.getState().notices).toMatchObject([
      {
        tone: 'warning',
        title: 'The mocks of rates.py are not a JSON object',
        detail: `Fix them in the Mocks panel, then add {"method": "POST", "url": "${URL}"} to "http".`,
      },
    ]);

    appStore.setState({ notices: [], activeFileId: null });
    await mockThisRequest('lost', 'GET', URL);
    expect(appStore.getState().notices).toMatchObject([
      { tone: 'error', title: 'No file to add the mock to', detail: 'Instance lost has no file.' },
    ]);
  });
});
