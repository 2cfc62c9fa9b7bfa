export * from './auth/index.ts';
export * from './errors/error-catalogue.ts';
export * from './errors/tessera-error.ts';
export * from './fields/index.ts';
export * from './filter/index.ts';
export * from './formula/index.ts';
export * from './naming/index.ts';
export * from './schema/index.ts';
