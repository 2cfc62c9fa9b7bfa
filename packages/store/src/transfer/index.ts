export { readSchemaStatus, type SchemaStatus } from './schema-status.ts';
export type { BackupOptions, CopyOptions, RestoreOptions } from './transfer-api.ts';
export { backupInstance, copyInstance, restoreInstance } from './transfer-api.ts';
export { TransferError, type TransferErrorCode } from './transfer-error.ts';
export type { InstanceHeader, Manifest } from './transfer-items.ts';
export type { ProgressListener, TableReport, TransferProgress, TransferReport } from './transfer-report.ts';
export { listUploads, uploadsDirOf } from './uploads.ts';
