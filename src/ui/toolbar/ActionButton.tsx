import type { ReactNode } from 'react';
import type { Legality } from '../actions/legality';
import { COLLAPSE_ATTR } from './useToolbarOverflow';

interface ActionButtonProps {
  legality: Legality;
  /** What the button does (tooltip when it is legal). */
  hint: string;
  onClick(): void;
  testId?: string;
  variant?: 'primary' | 'danger';
  /** Its place among the actions that collapse into the overflow menu (the toolbar measures it). */
  collapseIndex?: number;
  children: ReactNode;
}

/**
 * A toolbar button that stays focusable when the action is illegal (`aria-disabled`), so its tooltip can say
 * why: the reason comes from the legality rules, in the engine's words.
 */
export function ActionButton({ legality, hint, onClick, testId, variant, collapseIndex, children }: ActionButtonProps) {
  const disabled = !legality.ok;
  return (
    <button
      type="button"
      className={`tool-button${variant ? ` tool-button--${variant}` : ''}`}
      aria-disabled={disabled}
      title={legality.ok ? hint : legality.reason}
      data-testid={testId}
      {...(collapseIndex === undefined ? {} : { [COLLAPSE_ATTR]: collapseIndex })}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </button>
  );
}
