import { describe, expect, it } from 'vitest';
import { findHttpRule, stepMockFor, urlMatches } from '../engine';
import { formatMocksProblems, mocksJsonSchema, parseMocks, parseMocksText } from './mocks-schema';

const problems = (value: unknown) => {
  const result = parseMocks(value);
  return result.ok ? [] : formatMocksProblems(result.problems);
};

describe('mocks document', () => {
  it('reads HTTP rules, step mocks and scripted events with their defaults', () => {
    const result = parseMocks({
      http: [
        { url: 'https://api.example.com/rates*', json: { eur: 1.08 }, failFirst: 2 },
        { label: 'down', method: 'post', url: 'https://x.example/', text: 'no', status: 500, networkError: true },
      ],
      steps: { charge: { value: { charged: 1 } }, 'notify#2': { raise: 'ConnectionError', message: 'down', times: 1 } },
      events: [
        { type: 'approved', payload: { by: 'ada' }, after: '5 seconds' },
        { type: 'shipped', when: 'waiting' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      mocks: {
        http: [
          {
            method: '*',
            url: 'https://api.example.com/rates*',
            status: 200,
            headers: {},
            body: { json: { eur: 1.08 } },
            latencyMs: 0,
            failFirst: 2,
            failWith: 503,
            networkError: false,
          },
          {
            label: 'down',
            method: 'POST',
            url: 'https://x.example/',
            status: 500,
            headers: {},
            body: { text: 'no' },
            latencyMs: 0,
            failFirst: 0,
            failWith: 503,
            networkError: true,
          },
        ],
        steps: [
          { name: 'charge', outcome: { value: { charged: 1 } } },
          { name: 'notify', count: 2, outcome: { raise: 'ConnectionError', message: 'down' }, times: 1 },
        ],
        events: [
          { type: 'approved', payload: { by: 'ada' }, when: { afterMs: 5000 } },
          { type: 'shipped', payload: null, when: { waiting: true } },
        ],
      },
    });
    expect(parseMocksText('  ')).toEqual({ ok: true, mocks: { http: [], steps: [], events: [] } });
  });

  it('gives one message per bad rule, naming where and what', () => {
    expect(
      problems({
        http: [
          { url: 'https://ok.example/' },
          { url: 'https://a.example/', status: 'ok', latencyMs: -1 },
          { method: 'GET' },
          { url: 'https://b.example/', json: {}, text: '' },
          { url: 'https://c.example/', failWith: 500 },
          { url: 'https://d.example/', colour: 'red' },
        ],
        steps: {
          charge: { value: 1, times: 2 },
          'ship#0': { value: 1 },
          pay: { raise: 'not a class' },
          bill: {},
          '': { value: 1 },
        },
        events: [{ type: 'a' }, { type: 'b', after: 'soon' }, { type: 'c', after: 1, when: 'waiting' }],
      }),
    ).toEqual([
      'http[1].status: expected a number, got "ok" (and 1 more problem)',
      'http[2].url: missing (expected text)',
      'http[3]: give "json" or "text" as the body, not both',
      'http[4]: "failWith" needs "failFirst" (how many calls fail)',
      'http[5]: unknown field "colour"',
      'steps["charge"]: "value" stands alone: drop the other fields',
      'steps["ship#0"]: the count after # starts at 1 (the first call is name#1)',
      'steps["pay"]: raise: expected a Python exception class name such as "ValueError"',
      'steps["bill"]: missing "value" or "raise"',
      'steps[""]: not a step name: write the name step.do uses, or name#count',
      'events[0]: give "after" (a delay) or "when": "waiting", one of them',
      'events[1].after: expected milliseconds or a duration such as "5 seconds", got "soon"',
      'events[2]: give "after" (a delay) or "when": "waiting", one of them',
    ]);
  });

  it('says what is wrong with the document itself', () => {
    expect(problems([])).toEqual(['expected an object with "http", "steps" and "events"']);
    expect(problems({ http: {}, extra: 1 })).toEqual(['http: expected a list, got an object', 'unknown field "extra"']);
    const text = parseMocksText('{"http": [');
    expect(text.ok).toBe(false);
    expect(!text.ok && text.problems[0]?.message).toMatch(/^not JSON: /);
  });

  it('has a JSON schema for the editor that names every field', () => {
    const schema = mocksJsonSchema() as { properties: Record<string, { items?: { properties?: object } }> };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'http', 'steps', 'events']);
    expect(Object.keys(schema.properties.http?.items?.properties ?? {})).toContain('failFirst');
  });
});

describe('mock lookups', () => {
  it('matches URL globs over the whole URL', () => {
    expect(urlMatches('https://a.example/v1/*', 'https://a.example/v1/rates?x=1')).toBe(true);
    expect(urlMatches('https://a.example/v1/*', 'https://a.example/v2/rates')).toBe(false);
    expect(urlMatches('https://a.example/', 'https://a.example/x')).toBe(false);
    expect(urlMatches('https://*.example/*/x', 'https://api.example/v1/x')).toBe(true);
    expect(urlMatches('https://*.example/*/x', 'https://api.example/v1/y')).toBe(false);
    expect(urlMatches('*ab*ab', 'xab')).toBe(false);
    const result = parseMocks({
      http: [{ method: 'POST', url: 'https://a.example/*' }, { url: 'https://a.example/*' }],
    });
    const rules = result.ok ? result.mocks.http : [];
    expect(findHttpRule(rules, 'POST', 'https://a.example/x')).toBe(0);
    expect(findHttpRule(rules, 'GET', 'https://a.example/x')).toBe(1);
    expect(findHttpRule(rules, 'GET', 'https://b.example/x')).toBe(-1);
  });

  it('finds the step mock of an attempt: name#count before name, only for the first times attempts', () => {
    const result = parseMocks({
      steps: { charge: { value: 1 }, 'charge#2': { raise: 'ValueError', message: 'no', times: 2 } },
    });
    const mocks = result.ok ? result.mocks : { http: [], steps: [], events: [] };
    expect(stepMockFor(mocks, 'charge', 1, 5)?.outcome).toEqual({ value: 1 });
    expect(stepMockFor(mocks, 'charge', 2, 2)?.outcome).toEqual({ raise: 'ValueError', message: 'no' });
    expect(stepMockFor(mocks, 'charge', 2, 3)).toBeUndefined();
    expect(stepMockFor(mocks, 'other', 1, 1)).toBeUndefined();
  });
});
