import type { ReactNode } from 'react';

interface PaneProps {
  title: ReactNode;
  /** Names the region for screen readers when `title` is not plain text. */
  label?: string;
  /** Drops the padding, for editors and canvases. */
  flush?: boolean;
  /** Controls or status shown at the right end of the title bar. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled box that fills its panel. */
export function Pane({ title, label, flush = false, actions, children }: PaneProps) {
  return (
    <section className="pane" aria-label={label ?? (typeof title === 'string' ? title : undefined)}>
      <header className="pane__title">
        <span className="pane__name">{title}</span>
        {actions && <span className="pane__actions">{actions}</span>}
      </header>
      <div className={flush ? 'pane__body pane__body--flush' : 'pane__body'}>{children}</div>
    </section>
  );
}
