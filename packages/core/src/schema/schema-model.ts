import type { FieldTypeName } from '../fields/field-kinds.ts';
import type { FieldDefinition, SelectOption } from '../fields/field-type.ts';

export interface BaseModel {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly color: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly order: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface FieldModel extends FieldDefinition {
  readonly id: string;
  readonly tableId: string;
  readonly title: string;
  readonly columnName: string;
  readonly uidt: FieldTypeName;
  /** Primary key (the `Id` field). */
  readonly pk: boolean;
  /** Display value of a record (NocoDB `pv`). */
  readonly primaryValue: boolean;
  /** Added by Tessera (Id, CreatedAt, UpdatedAt); cannot be deleted. */
  readonly system: boolean;
  readonly required: boolean;
  readonly unique: boolean;
  /** Canonical default value applied on insert when the client sends none. */
  readonly defaultValue: unknown;
  readonly description: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly options: readonly SelectOption[];
  readonly order: number;
}

export interface TableModel {
  readonly id: string;
  readonly baseId: string;
  readonly title: string;
  readonly tableName: string;
  readonly description: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly order: number;
  readonly fields: readonly FieldModel[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** View types with NocoDB's numbers. */
export const viewTypes = { form: 1, gallery: 2, grid: 3, kanban: 4 } as const;
export type ViewTypeName = keyof typeof viewTypes;

export interface ViewFieldModel {
  readonly fieldId: string;
  readonly show: boolean;
  readonly order: number;
  readonly width: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
}

export interface ViewFilterModel {
  readonly id: string;
  readonly viewId: string;
  readonly parentId: string | null;
  readonly fieldId: string | null;
  readonly comparisonOp: string | null;
  readonly comparisonSubOp: string | null;
  readonly value: string | null;
  readonly logicalOp: 'and' | 'or' | 'not';
  readonly isGroup: boolean;
  readonly enabled: boolean;
  readonly order: number;
}

export interface ViewSortModel {
  readonly id: string;
  readonly viewId: string;
  readonly fieldId: string;
  readonly direction: 'asc' | 'desc';
  readonly order: number;
}

export interface ViewModel {
  readonly id: string;
  readonly tableId: string;
  readonly title: string;
  readonly type: ViewTypeName;
  readonly description: string | null;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly order: number;
  /** Kanban: the SingleSelect field the stacks come from. */
  readonly groupFieldId: string | null;
  /** Gallery/kanban: cover image field. */
  readonly coverFieldId: string | null;
  readonly lockType: string;
  readonly fields: readonly ViewFieldModel[];
  readonly filters: readonly ViewFilterModel[];
  readonly sorts: readonly ViewSortModel[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
