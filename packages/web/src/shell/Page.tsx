// The frame of a full page in the signed-in app: its title with actions beside it, then the
// page's content.
import type { ReactNode } from 'react';

export interface PageProps {
  readonly title: ReactNode;
  readonly testId: string;
  /** Buttons and links beside the title. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

export function Page({ title, testId, actions, children }: PageProps) {
  return (
    <div className="page" data-testid={testId}>
      <div className="page-header">
        <h1>{title}</h1>
        {actions}
      </div>
      {children}
    </div>
  );
}
