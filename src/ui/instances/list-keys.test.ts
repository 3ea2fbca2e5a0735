import { describe, expect, it } from 'vitest';
import { nextSelection } from './list-keys';

const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('nextSelection()', () => {
  it('moves with the arrows and stops at the ends', () => {
    expect(nextSelection('ArrowDown', rows, null)).toBe(0);
    expect(nextSelection('ArrowDown', rows, 'b')).toBe(2);
    expect(nextSelection('ArrowDown', rows, 'c')).toBe(2);
    expect(nextSelection('ArrowUp', rows, 'b')).toBe(0);
    expect(nextSelection('ArrowUp', rows, 'a')).toBe(0);
  });

  it('jumps with Home and End, and ignores other keys or an empty list', () => {
    expect(nextSelection('End', rows, 'a')).toBe(2);
    expect(nextSelection('Home', rows, 'c')).toBe(0);
    expect(nextSelection('x', rows, 'a')).toBeNull();
    expect(nextSelection('ArrowDown', [], null)).toBeNull();
  });
});
