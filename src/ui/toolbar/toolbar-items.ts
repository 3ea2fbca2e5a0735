import type { Legality } from '../actions/legality';

/** One toolbar action: on the bar as a button, or in the overflow menu when the bar is too narrow. */
export interface ToolbarItem {
  id: string;
  label: string;
  /** What it does (tooltip when it is legal). */
  hint: string;
  legality: Legality;
  onSelect(): void;
  testId: string;
  variant?: 'primary' | 'danger';
}
