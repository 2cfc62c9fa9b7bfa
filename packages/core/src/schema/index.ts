export * from './field-lookup.ts';
export * from './link-meta.ts';
export * from './schema-model.ts';
export * from './view-filter-expression.ts';
