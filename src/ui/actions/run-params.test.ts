import { describe, expect, it } from 'vitest';
import { instanceIdCheck, parseParams } from './run-params';

describe('parseParams()', () => {
  it('parses JSON and treats an empty field as no params', () => {
    expect(parseParams('{"order_id": "A-1"}')).toEqual({ ok: true, value: { order_id: 'A-1' } });
    expect(parseParams('  \n')).toEqual({ ok: true, value: undefined });
    expect(parseParams('[1, 2]')).toEqual({ ok: true, value: [1, 2] });
  });

  it('says what is wrong and where, for bad JSON', () => {
    const check = parseParams('{\n  "a": 1,\n}');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toMatch(/^Params are not valid JSON: /);
    expect(check.message).toMatch(/line 3/);
  });

  it('rejects Python literals with the JSON parser’s message', () => {
    const check = parseParams("{'a': True}");
    expect(check).toMatchObject({ ok: false });
    if (!check.ok) expect(check.message).toContain('Params are not valid JSON');
  });
});

describe('instanceIdCheck()', () => {
  it('accepts an empty id (one is generated) and valid ids', () => {
    expect(instanceIdCheck('')).toBeNull();
    expect(instanceIdCheck('NAME_123-hello')).toBeNull();
  });

  it('refuses a bad id with the engine’s reason', () => {
    expect(instanceIdCheck('-leading')).toBe(
      'Workflow instance has invalid id: "-leading" starts with "-"; an id must start with a letter, a digit or "_"',
    );
    expect(instanceIdCheck('a b')).toContain('contains " "');
  });
});
