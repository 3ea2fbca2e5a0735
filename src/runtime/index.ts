export { type DriveParams, driveInstance } from './drive-instance';
/**
 * The Python runtime: Cloudflare's `workers` Python SDK (`./python/workers/*.py`) running in Pyodide on top
 * of the engine. Hosts (the executor worker, the CLI) load Pyodide, pass the SDK sources in, import user
 * modules and hand their `WorkflowBody`s to `createEngine({ resolveWorkflow })`. Node-only helpers (reading
 * the sources from disk, booting Pyodide) are in `./node`.
 */

export { createD1Database, type D1Database } from './bindings/d1';
export {
  bindingSpace,
  createEnvBindings,
  type EnvBindings,
  type EnvBindingsOptions,
  type EnvEntry,
} from './bindings/env-bindings';
export { createKvNamespace, KV_LIMITS, type KvNamespace } from './bindings/kv';
export { createR2Bucket, R2_LIMITS, type R2Bucket } from './bindings/r2';
export {
  blockedMessage,
  CLI_HOW_TO_ALLOW,
  createNetworkGate,
  cspRefusedMessage,
  type GateCaller,
  type GatedFetch,
  type NetworkGateOptions,
  parseOrigin,
  STUDIO_HOW_TO_ALLOW,
  STUDIO_HOW_TO_ALLOW_IN_CSP,
} from './network-gate';
export { PythonError } from './python-error';
export {
  createPythonRuntime,
  type InterruptSite,
  type LoadModuleParams,
  type LoadModuleResult,
  type ModuleLoadError,
  type PythonRuntime,
} from './python-runtime';
export { installSdk, normalizeSdkSources, SDK_ROOT, type SdkSources, sdkHash } from './sdk-sources';
export {
  createTestHost,
  type SourceFile,
  type TestCallbacks,
  type TestEnd,
  type TestFailure,
  type TestHost,
  type TestItem,
} from './test-host';
export {
  createTestSession,
  type LoadedTestFile,
  type LoadFailure,
  type TestCaseResult,
  type TestFileEnv,
  type TestInstance,
  type TestSession,
  type TestSessionOptions,
  testJournal,
} from './test-session';
export { createWorkflowGlobals, refusalMessage, SANDBOX_REASON } from './workflow-globals';
export type { WorkflowInfo, WorkflowModule } from './workflow-module';
