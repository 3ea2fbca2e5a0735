import Dexie, { type Table } from 'dexie';
import type { InstanceSummary, JournalEvent, Mocks } from '../engine';

/** A workflow source file the user edits in the studio. `version` grows by one on every saved change. */
export interface WorkflowFile {
  id: string;
  name: string;
  source: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** The file's mocks as the user wrote them (JSON text, docs/mocks.md); absent = none. Not versioned. */
  mocks?: string;
}

/** A Pyodide memory snapshot, keyed by Pyodide version + SDK source hash so a stale one is never loaded. */
export interface SnapshotRecord {
  key: string;
  bytes: Uint8Array;
  size: number;
  createdAt: number;
}

/** A user setting (theme, panel sizes, last open file…). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** Which source file an instance was created from (so a reload replays it with that file's code). */
export interface InstanceFileRecord {
  instanceId: string;
  fileId: string;
}

/**
 * The newest version of a file the executor imported into Python successfully: what unfinished instances of
 * that file replay with after a reload, even if the editor holds a newer (maybe broken) text by then.
 */
export interface LoadedSourceRecord {
  fileId: string;
  version: number;
  name: string;
  source: string;
  loadedAt: number;
  /** The mocks loaded with it (checked), so a fresh executor replays the file's instances with them. */
  mocks?: Mocks;
}

/** The default database name; tests pass their own so they never share state. */
export const STUDIO_DB_NAME = 'workflow-studio';

/**
 * The studio's IndexedDB database. The executor worker and the UI open the same schema; the UI only reads
 * (through `liveQuery`), the executor writes. Every schema change is a new `version(n)` with its upgrade —
 * never edit an old version's stores, or existing users' databases stop opening.
 */
export class StudioDB extends Dexie {
  files!: Table<WorkflowFile, string>;
  instances!: Table<InstanceSummary, string>;
  journal!: Table<JournalEvent, [string, number]>;
  snapshots!: Table<SnapshotRecord, string>;
  settings!: Table<SettingRecord, string>;
  instanceFiles!: Table<InstanceFileRecord, string>;
  loadedSources!: Table<LoadedSourceRecord, string>;

  constructor(name: string = STUDIO_DB_NAME) {
    super(name);
    this.version(1).stores({
      files: 'id, name, updatedAt',
      instances: 'id, workflowName, status, createdAt, updatedAt',
      journal: '[instanceId+seq], instanceId',
      snapshots: 'key',
      settings: 'key',
    });
    // v2: the executor records which file each instance came from and the source it last imported per file.
    // Instances created before v2 have no file row; the executor then finds their workflow by name.
    this.version(2).stores({
      instanceFiles: 'instanceId, fileId',
      loadedSources: 'fileId',
    });
  }
}
