import { describe, expect, it } from 'vitest';
import { fromPythonJson, toPythonJson } from './json-text';

describe('toPythonJson()', () => {
  it('writes ±Infinity and NaN as the bare tokens Python json.loads reads', () => {
    expect(toPythonJson({ limit: Number.POSITIVE_INFINITY, low: Number.NEGATIVE_INFINITY, x: [Number.NaN] })).toBe(
      '{"limit":Infinity,"low":-Infinity,"x":[NaN]}',
    );
  });

  it('writes undefined as null (a step that returned None)', () => {
    expect(toPythonJson(undefined)).toBe('null');
  });
});

describe('fromPythonJson()', () => {
  it('turns the Infinity markers of config_to_json back into numbers', () => {
    expect(fromPythonJson('{"retries":{"limit":"__workers_Infinity__","delay":"-__workers_Infinity__"}}')).toEqual({
      retries: { limit: Number.POSITIVE_INFINITY, delay: Number.NEGATIVE_INFINITY },
    });
  });
});
