export { BUSY_AFTER_MS, storageBusyRecord } from './busy';
export { createEarlyWorker, type EarlyWorker } from './early-worker';
export { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
export { createExecutorSupervisor } from './executor-supervisor';
export { electLeader, LEADER_LOCK } from './leader-election';
export { createStudioClient, type StudioClientDeps, type StudioClientHandle } from './studio-client';
export type {
  BusyAttempt,
  BusyState,
  ChannelLike,
  ExecutorState,
  ExecutorSupervisor,
  ExecutorSupervisorDeps,
  JournalMirrorWorker,
  LoadSourceResult,
  LocksLike,
  NoticeInput,
  RestartFrom,
  StudioClient,
  StudioNotice,
  Unsubscribe,
  WorkerLike,
  WorkerState,
  WorkflowInfo,
} from './types';
export { DEFAULT_WATCHDOG, type WatchdogConfig } from './watchdog';
