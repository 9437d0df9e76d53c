/** The heading every view opens with: its name and one line on what it is for. */
import type { ReactNode } from 'react';

export function ViewHeader({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="view-header">
      <div>
        <h1 id={id}>{title}</h1>
        {children && <p className="view-lede">{children}</p>}
      </div>
      {actions && <div className="view-actions">{actions}</div>}
    </header>
  );
}
