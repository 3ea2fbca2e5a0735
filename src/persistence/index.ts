export { ACTIVE_FILE_SETTING } from './db-name';
export { createDexieBindingStore } from './dexie-binding-store';
export { createDexieJournalStore, type DexieJournalStoreOptions } from './dexie-journal-store';
export { createExecutorRepo, type ExecutorRepo } from './executor-repo';
export { createFilesRepo, FileConflictError, FileNameError, type FilesRepo, fileNameProblem } from './files-repo';
export type { JournalSink, LoggedAppend, MirrorReports } from './journal-mirror';
export {
  type ConnectedMirror,
  connectMirror,
  type FromMirror,
  type PortLike,
  serveMirror,
  type ToMirror,
} from './journal-mirror-port';
export {
  OPEN_FILE_COPY_KEY,
  type OpenFileCopy,
  readOpenFileCopy,
  writeOpenFileCopy,
} from './open-file-copy';
export { JournalLogBusyError, type OpenOpfsOptions, openOpfsSyncFile } from './opfs-sync-file';
export { type EarlyOpenFile, readOpenFile } from './read-open-file';
export { createSettingsRepo, type SettingsRepo } from './settings-repo';
export {
  createSnapshotFiles,
  openSnapshotFiles,
  readStoredSnapshot,
  type SnapshotDirectoryLike,
  type SnapshotFiles,
  type StoredSnapshot,
  withStoredSnapshot,
} from './snapshot-files';
export { createSnapshotRepo, type SnapshotRepo, type SnapshotRepoDeps, snapshotKey } from './snapshot-repo';
export { guardQuota, isQuotaError, JournalConflictError, StorageFullError } from './storage-errors';
export {
  type BindingRecordRow,
  type CloudflareImportRecord,
  type InstanceFileRecord,
  type LoadedSourceRecord,
  type SettingRecord,
  type SnapshotRecord,
  STUDIO_DB_NAME,
  StudioDB,
  type WorkflowFile,
} from './studio-db';
export { createWalJournalStore, type SettlingJournalStore, type WalJournalStoreOptions } from './wal-journal-store';
export { createWalLog, type SyncFile, type WalLog, type WalLogOptions } from './wal-log';
