/** NocoDB's relation types: has-many, belongs-to, many-to-many, one-to-one. */
export const relationTypes = ['hm', 'bt', 'mm', 'oo'] as const;
export type RelationType = (typeof relationTypes)[number];

/** Rollup functions, as NocoDB names them. */
export const rollupFunctions = [
  'count',
  'countDistinct',
  'sum',
  'sumDistinct',
  'avg',
  'avgDistinct',
  'min',
  'max',
] as const;
export type RollupFunction = (typeof rollupFunctions)[number];
