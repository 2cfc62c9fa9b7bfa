// Shows a view with the component of its type.
import { ViewType } from '../api/types.ts';
import { FormBuilderView } from './form/FormBuilderView.tsx';
import { GalleryView } from './gallery/GalleryView.tsx';
import { GridView } from './grid/GridView.tsx';
import { KanbanView } from './kanban/KanbanView.tsx';
import type { ViewProps } from './view-props.ts';

export function ViewHost(props: ViewProps) {
  switch (props.view.type) {
    case ViewType.grid:
      return <GridView key={props.view.id} {...props} />;
    case ViewType.kanban:
      return <KanbanView key={props.view.id} {...props} />;
    case ViewType.gallery:
      return <GalleryView key={props.view.id} {...props} />;
    case ViewType.form:
      return <FormBuilderView key={props.view.id} {...props} />;
  }
}
