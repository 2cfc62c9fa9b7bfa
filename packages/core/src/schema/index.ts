export * from './schema-model.ts';
