/**
 * Every keyboard shortcut of the studio, in one table: the key handler and the help panel both read it, so
 * the help can never list a shortcut that does not exist. Pure.
 */

/** What a shortcut does. */
export type ShortcutCommand =
  | 'run-now'
  | 'run-dialog'
  | 'send-event'
  | 'pause-resume'
  | 'skip-wait'
  | 'samples'
  | 'learn'
  | 'env'
  | 'next-lesson'
  | 'previous-lesson'
  | 'check-lesson'
  | 'help';

/** A shortcut: its keys as shown, and what it does. */
export interface Shortcut {
  command: ShortcutCommand;
  keys: string;
  description: string;
  /** Works while typing in the editor or a field (modifier shortcuts), or only elsewhere (single keys). */
  whileTyping: boolean;
}

/** The shortcuts, in the order the help lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    command: 'run-now',
    keys: 'Ctrl/Cmd + Enter',
    description: 'Run the open file with the params used last',
    whileTyping: true,
  },
  {
    command: 'run-dialog',
    keys: 'Ctrl/Cmd + Shift + Enter',
    description: 'Run… (choose params and id)',
    whileTyping: true,
  },
  { command: 'send-event', keys: 'E', description: 'Send an event to the selected instance', whileTyping: false },
  { command: 'pause-resume', keys: 'P', description: 'Pause or resume the selected instance', whileTyping: false },
  {
    command: 'skip-wait',
    keys: 'S',
    description: 'Skip the current sleep, retry delay or wait timeout',
    whileTyping: false,
  },
  { command: 'samples', keys: 'G', description: 'Open the samples gallery', whileTyping: false },
  { command: 'learn', keys: 'L', description: 'Open or close the Learn panel (lessons)', whileTyping: false },
  {
    command: 'env',
    keys: 'V',
    description: 'self.env of the open file: its bindings and what they hold',
    whileTyping: false,
  },
  { command: 'next-lesson', keys: ']', description: 'Next lesson (Learn panel)', whileTyping: false },
  { command: 'previous-lesson', keys: '[', description: 'Previous lesson (Learn panel)', whileTyping: false },
  {
    command: 'check-lesson',
    keys: 'C',
    description: 'Check the lesson on your latest instance of its file (Learn panel)',
    whileTyping: false,
  },
  { command: 'help', keys: '?', description: 'Show this help', whileTyping: false },
];

/** Keys that are not commands but worth knowing, shown after the table. */
export const OTHER_KEYS: readonly { keys: string; description: string }[] = [
  { keys: '↑ / ↓, Home / End', description: 'Move through the instance list (when it has focus)' },
  { keys: 'Delete', description: 'Delete the selected instance (from the instance list)' },
  {
    keys: '← / →, Home / End',
    description: 'Time travel: one journal event back / forward, first event / live (when the scrubber has focus)',
  },
  {
    keys: '+ / − / 0, Ctrl/Cmd + wheel',
    description: "Zoom the history's time axis in / out / to fit all (when the history has focus)",
  },
  { keys: 'T', description: "The history's time axis compact or to scale (when the history has focus)" },
  { keys: 'Right-click a step', description: 'Restart from it (in the history)' },
  { keys: 'Esc', description: 'Close a dialog' },
  { keys: 'Tab / Shift + Tab', description: 'Move between controls; dialogs keep focus inside' },
  { keys: 'Ctrl/Cmd + Space', description: 'SDK completions in the editor' },
];

/** The parts of a keydown event the matcher needs. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  /** Focus is in the editor, an input, a textarea or a select. */
  typing: boolean;
}

/** The command a key press triggers, or null. */
export function commandFor(e: KeyPress): ShortcutCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key === 'Enter') return e.shiftKey ? 'run-dialog' : 'run-now';
  if (e.typing || mod || e.altKey) return null;
  switch (e.key) {
    case '?':
      return 'help';
    case 'e':
    case 'E':
      return 'send-event';
    case 'p':
    case 'P':
      return 'pause-resume';
    case 's':
    case 'S':
      return 'skip-wait';
    case 'g':
    case 'G':
      return 'samples';
    case 'l':
    case 'L':
      return 'learn';
    case 'v':
    case 'V':
      return 'env';
    case ']':
      return 'next-lesson';
    case '[':
      return 'previous-lesson';
    case 'c':
    case 'C':
      return 'check-lesson';
    default:
      return null;
  }
}
