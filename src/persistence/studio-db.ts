import Dexie, { type Table } from 'dexie';
import type { InstanceSummary, JournalEvent, Json, Mocks } from '../engine';
import { STUDIO_DB_NAME } from './db-name';

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
  /**
   * The file's `self.env` declaration (KV, D1, R2, vars, secrets) as the user wrote it, in the shape of
   * `wrangler.jsonc` (`parseEnvDeclaration`). Absent: none. Holds secret values: never put it in a share link
   * or an export as is.
   */
  env?: string;
}

/**
 * One record of a `self.env` binding's contents (a KV entry, an R2 object, a D1 database image), in the
 * binding's space `<fileId>/<kind>/<BINDING>` (the engine's `BindingRecord`).
 */
export interface BindingRecordRow {
  space: string;
  key: string;
  value: Uint8Array;
  meta: Json;
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

/**
 * An instance imported from Cloudflare's instance JSON (`GET …/workflows/{name}/instances/{id}`): read-only — the
 * executor never resumes it and refuses every action on it but delete — with what its journal cannot hold.
 * The UI writes it just before the import; the executor reads it.
 */
export interface CloudflareImportRecord {
  instanceId: string;
  /** Where it came from: `order.json`, `orders.json[2]`. */
  label: string;
  /** Wall-clock milliseconds. */
  importedAt: number;
  versionId: string | null;
  /** The status Cloudflare reported; the journal's may differ where it stops early (`stop`). */
  status: InstanceSummary['status'];
  /** `trigger.source`: api, binding, event, cron. */
  trigger: string | null;
  /** Steps whose output the API truncated (`name-N`), and `run()` when the instance output was. */
  truncated: string[];
  /** Where the imported journal stops before the end of Cloudflare's history, and why. */
  stop: { step: string; reason: 'truncated-output' | 'unknown-step-type'; message: string } | null;
  /** Rollback steps (`name-N`): shown, not journaled. */
  rollbacks: string[];
  /**
   * Set on the copy "Replay against this code" keeps (`<id>-replay`): the imported instance it replays. The copy
   * is read-only like the import, so the executor never resumes it on the real clock after its verdict.
   */
  replayOf?: string;
}

export { STUDIO_DB_NAME };

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
  cloudflareImports!: Table<CloudflareImportRecord, string>;
  bindingRecords!: Table<BindingRecordRow, [string, string]>;

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
    // v3: instances imported from Cloudflare (read-only), with what their journal cannot hold.
    this.version(3).stores({ cloudflareImports: 'instanceId' });
    // v4: the contents of each file's self.env bindings (KV entries, R2 objects, D1 images), by space and key.
    this.version(4).stores({
      bindingRecords: '[space+key], space',
    });
  }
}
