/**
 * Public surface of the durable engine. Other layers import from here only.
 * Contract: docs/engine-api.md. Semantics: docs/semantics.md.
 */

export { type BindingRecord, type BindingStore, createMemoryBindingStore } from './binding-store';
export type { Clock, Disposable, VirtualClock } from './clock';
export { createVirtualClock } from './clock';
export { parseDuration } from './duration';
export { DURATION_UNIT_MS, MAX_WAIT_MS } from './duration-text';
export { createEngine } from './engine';
export {
  type BindingKind,
  checkEnvDeclaration,
  EMPTY_ENV,
  type EnvDeclaration,
  type EnvDeclarationResult,
  maskSecrets,
  parseEnvDeclaration,
  type ResourceBinding,
  stripJsonComments,
  withoutTrailingCommas,
} from './env-declaration';
export {
  assertNever,
  BugIndicatingError,
  IllegalStateError,
  isNonRetryable,
  NonRetryableError,
  type SerializedError,
  StepFailedError,
  serializeError,
  WorkflowError,
  WorkflowFatalError,
  WorkflowInternalError,
  WorkflowTimeoutError,
} from './errors';
export type {
  AttemptView,
  CallView,
  DivergenceView,
  InstanceStatus,
  InstanceView,
  PendingWake,
  ReceivedEvent,
  RunEnd,
  RunOutputView,
  RunView,
  SentEventView,
  SleepView,
  StepView,
  WaitView,
} from './instance-view';
export { FINITE_STATUSES } from './instance-view';
export type * from './journal';
export { callKey, RUN_REASON_WORDS } from './journal';
export { cloneJson, type Json, type JsonCheck, MAX_VALUE_BYTES, toJson } from './json';
export { reduceJournal, summarizeJournal } from './ledger';
export { createMemoryJournalStore } from './memory-store';
export { messages } from './messages';
export {
  findHttpRule,
  type HttpMockRule,
  httpRuleLabel,
  type Mocks,
  NO_MOCKS,
  type RequestOutcome,
  type RequestRecord,
  type ScriptedEvent,
  type StepMock,
  stepMockFor,
  urlMatches,
} from './mocks';
export { parseOrigin } from './origin';
export { createOutputCap, MAX_OUTPUT_BYTES, type OutputCap } from './output-cap';
export { createRealClock, type HostTimers } from './real-clock';
export type { ChangedArgument, ReplayNote } from './replay-notes';
export { type StatusChange, statusHistory } from './status-history';
export {
  type Backoff,
  DEFAULT_STEP_CONFIG,
  type ResolvedStepConfig,
  resolveStepConfig,
  retryDelayMs,
} from './step-config';
export { MAX_BINDING_CALLS, MAX_REQUESTS_PER_ATTEMPT } from './step-runner';
export type { InstanceSummary, JournalStore } from './store';
export { advanceToNextWake, type RunToIdleOptions, runToIdle } from './testing';
export type * from './types';
export {
  DEFAULT_STEP_LIMIT,
  instanceIdProblem,
  isValidStepName,
  MAX_INSTANCE_ID_LENGTH,
  MAX_STEP_NAME_LENGTH,
} from './validation';
export { type CallOutline, callOutline, type ViewOutline, viewOutline } from './view-outline';
export { MAX_WORKFLOW_NAME_LENGTH, workflowNameProblem } from './workflow-name';
