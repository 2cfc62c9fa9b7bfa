export * from './ids.ts';
export * from './physical-names.ts';
