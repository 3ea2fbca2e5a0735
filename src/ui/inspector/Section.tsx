import type { ReactNode } from 'react';

/** A titled block of the inspector, with optional controls at the right of its title. */
export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="inspector-section">
      <h3 className="inspector-section__title">
        <span>{title}</span>
        {actions}
      </h3>
      {children}
    </section>
  );
}

/** A label/value grid of facts. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
