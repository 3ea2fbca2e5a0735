import { describe, expect, it } from 'vitest';
import { describeTagged, wrappedDict } from './tagged-value';

describe('tagged values', () => {
  it('reads as Python prints them', () => {
    expect(describeTagged({ $type: 'bytes', base64: 'AP9vaw==' })).toBe("b'\\x00\\xffok'");
    expect(describeTagged({ $type: 'set', items: ['a', 1, { $type: 'float', value: 'nan' }] })).toBe('{"a", 1, nan}');
    expect(describeTagged({ $type: 'set', items: [] })).toBe('set()');
    expect(describeTagged({ $type: 'float', value: '-inf' })).toBe('-inf');
    expect(describeTagged({ $type: 'bigint', value: '18446744073709551617' })).toBe('18446744073709551617');
    expect(describeTagged({ $type: 'datetime', ms: Date.UTC(2026, 2, 1, 12, 30) })).toBe(
      'datetime 2026-03-01T12:30:00.000 UTC',
    );
  });

  it('leaves user data alone: other shapes and a dict with its own "$type" key', () => {
    expect(describeTagged({ $type: 'bytes', base64: 'AA==', extra: 1 })).toBeUndefined();
    expect(describeTagged({ $type: 'float', value: 'pi' })).toBeUndefined();
    expect(describeTagged({ kind: 'bytes', base64: 'AA==' })).toBeUndefined();
    expect(describeTagged('nan')).toBeUndefined();
    expect(wrappedDict({ $type: 'dict', entries: { $type: 'mine' } })).toEqual({ $type: 'mine' });
    expect(wrappedDict({ $type: 'mine' })).toBeUndefined();
  });
});
