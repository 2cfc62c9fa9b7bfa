// The items of a column header's menu and of a row's context menu. Design items (edit, sort,
// hide, delete a field) only for those who may design the base; row deletion only for editors.
import type { Field } from '../../api/types.ts';
import type { MenuItem } from './FloatingMenu.tsx';

export interface HeaderMenuActions {
  editField(field: Field): void;
  sort(field: Field, direction: 'asc' | 'desc'): void;
  freezeUpTo(index: number): void;
  hide(field: Field): void;
  deleteField(field: Field): void;
}

export function headerMenuItems(
  field: Field,
  index: number,
  canDesign: boolean,
  actions: HeaderMenuActions,
): MenuItem[] {
  const items: MenuItem[] = [];
  if (canDesign)
    items.push(
      { label: 'Edit field', testId: 'header-menu-edit', onSelect: () => actions.editField(field) },
      { label: 'Sort ascending', testId: 'header-menu-sort-asc', onSelect: () => actions.sort(field, 'asc') },
      {
        label: 'Sort descending',
        testId: 'header-menu-sort-desc',
        onSelect: () => actions.sort(field, 'desc'),
      },
    );
  items.push({
    label: 'Freeze up to here',
    testId: 'header-menu-freeze',
    onSelect: () => actions.freezeUpTo(index),
  });
  if (canDesign && !field.pv)
    items.push({ label: 'Hide field', testId: 'header-menu-hide', onSelect: () => actions.hide(field) });
  if (canDesign && !field.system && !field.pk)
    items.push({
      label: 'Delete field',
      testId: 'header-menu-delete',
      danger: true,
      onSelect: () => actions.deleteField(field),
    });
  return items;
}

export interface RowMenuActions {
  expand(): void;
  insertRow(): void;
  deleteRows(): void;
}

export function rowMenuItems(selectedRows: number, canEdit: boolean, actions: RowMenuActions): MenuItem[] {
  const items: MenuItem[] = [{ label: 'Expand record', testId: 'row-menu-expand', onSelect: actions.expand }];
  if (!canEdit) return items;
  items.push(
    { label: 'Add a row', testId: 'row-menu-insert', onSelect: actions.insertRow },
    {
      label: selectedRows > 1 ? `Delete ${selectedRows} rows` : 'Delete row',
      testId: 'row-menu-delete',
      danger: true,
      onSelect: actions.deleteRows,
    },
  );
  return items;
}
