export * from './errors/error-catalogue.ts';
export * from './errors/tessera-error.ts';
export * from './fields/field-kinds.ts';
export * from './filter/filter-ast.ts';
export * from './fields/field-type.ts';
