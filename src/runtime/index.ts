/**
 * The Python runtime: Cloudflare's `workers` Python SDK (`./python/workers/*.py`) running in Pyodide on top
 * of the engine. Hosts (the executor worker, the CLI) load Pyodide, pass the SDK sources in, import user
 * modules and hand their `WorkflowBody`s to `createEngine({ resolveWorkflow })`. Node-only helpers (reading
 * the sources from disk, booting Pyodide) are in `./node`.
 */

export {
  blockedMessage,
  createNetworkGate,
  type GatedFetch,
  type NetworkGateOptions,
  parseOrigin,
  STUDIO_HOW_TO_ALLOW,
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
export { createTestHost, type TestCallbacks, type TestFailure, type TestFunction, type TestHost } from './test-host';
export { createWorkflowGlobals, refusalMessage, SANDBOX_REASON } from './workflow-globals';
export type { WorkflowInfo, WorkflowModule } from './workflow-module';
