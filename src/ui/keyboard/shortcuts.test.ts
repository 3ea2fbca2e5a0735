import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress, SHORTCUTS } from './shortcuts';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  typing: false,
  ...more,
});

describe('commandFor()', () => {
  it('runs with Ctrl or Cmd + Enter, even while typing, and opens the dialog with Shift', () => {
    expect(commandFor(press('Enter', { ctrlKey: true, typing: true }))).toBe('run-now');
    expect(commandFor(press('Enter', { metaKey: true }))).toBe('run-now');
    expect(commandFor(press('Enter', { ctrlKey: true, shiftKey: true }))).toBe('run-dialog');
    expect(commandFor(press('Enter'))).toBeNull();
  });

  it('opens help with ?, and ignores single keys while typing or with modifiers', () => {
    expect(commandFor(press('?', { shiftKey: true }))).toBe('help');
    expect(commandFor(press('?', { typing: true }))).toBeNull();
    expect(commandFor(press('e'))).toBe('send-event');
    expect(commandFor(press('e', { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('p', { altKey: true }))).toBeNull();
  });

  it('opens the Env dialog with V, never while typing', () => {
    expect(commandFor(press('v'))).toBe('env');
    expect(commandFor(press('V', { shiftKey: true }))).toBe('env');
    expect(commandFor(press('v', { typing: true }))).toBeNull();
  });

  it('moves through the lessons with L, ] and [, and checks with C, never while typing', () => {
    expect(commandFor(press('l'))).toBe('learn');
    expect(commandFor(press(']'))).toBe('next-lesson');
    expect(commandFor(press('['))).toBe('previous-lesson');
    expect(commandFor(press('C', { shiftKey: true }))).toBe('check-lesson');
    expect(commandFor(press('c', { typing: true }))).toBeNull();
    expect(commandFor(press(']', { typing: true }))).toBeNull();
  });

  it('has a table entry for every command it can return', () => {
    const keys = ['Enter', '?', 'e', 'p', 's', 'g', 'l', 'v', ']', '[', 'c'];
    const produced = new Set(
      keys.flatMap((k) => [
        commandFor(press(k)),
        commandFor(press(k, { ctrlKey: true })),
        commandFor(press(k, { ctrlKey: true, shiftKey: true })),
      ]),
    );
    produced.delete(null);
    expect([...produced].sort()).toEqual(SHORTCUTS.map((s) => s.command).sort());
  });
});
