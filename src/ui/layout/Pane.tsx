import type { ReactNode } from 'react';

/** A titled box that fills its panel. `flush` drops the padding, for editors and canvases. */
export function Pane({ title, flush = false, children }: { title: string; flush?: boolean; children: ReactNode }) {
  return (
    <section className="pane" aria-label={title}>
      <header className="pane__title">{title}</header>
      <div className={flush ? 'pane__body pane__body--flush' : 'pane__body'}>{children}</div>
    </section>
  );
}
