import type { ViewProps } from '../view-props.ts';

export function KanbanView({ view }: ViewProps) {
  return <div className="empty-state">{view.title}: coming soon</div>;
}
