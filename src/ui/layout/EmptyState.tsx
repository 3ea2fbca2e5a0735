import type { ReactNode } from 'react';

/** What a pane says while it has nothing to show: a headline and, optionally, what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {children && <p className="empty__hint">{children}</p>}
    </div>
  );
}
