import { describe, expect, it } from 'vitest';
import { addHttpMock, EMPTY_MOCKS_TEXT, mocksToLoad } from './mocks-text';

describe('mocks text in the studio', () => {
  it('loads no mocks for empty text, the checked mocks, or fails with one line per bad rule', () => {
    expect(mocksToLoad('a.py', undefined)).toEqual({ ok: true, mocks: undefined });
    expect(mocksToLoad('a.py', EMPTY_MOCKS_TEXT)).toEqual({ ok: true, mocks: { http: [], steps: [], events: [] } });
    expect(mocksToLoad('a.py', '{"http": [{"url": 1}], "steps": {"x": {}}}')).toEqual({
      ok: false,
      title: 'The mocks of a.py have 2 problems',
      message:
        'http[0].url: expected text, got 1\nsteps["x"]: missing "value" or "raise"\nFix them in the Mocks panel, or empty it to run without mocks.',
    });
  });

  it('adds the rule "Mock this request" makes: method, URL, status 200, an empty JSON body', () => {
    const added = addHttpMock(undefined, 'GET', 'https://api.example.com/v1/rates?base=EUR');
    expect(JSON.parse(added as string)).toEqual({
      http: [{ method: 'GET', url: 'https://api.example.com/v1/rates?base=EUR', status: 200, json: {} }],
      steps: {},
      events: [],
    });
    const second = addHttpMock(added, 'POST', 'https://api.example.com/charge');
    expect(JSON.parse(second as string).http.map((r: { method: string }) => r.method)).toEqual(['GET', 'POST']);
    expect(mocksToLoad('a.py', second).ok).toBe(true);
    expect(addHttpMock('{"http": [', 'GET', 'https://a.example/')).toBeUndefined();
    expect(addHttpMock('[]', 'GET', 'https://a.example/')).toBeUndefined();
  });
});
