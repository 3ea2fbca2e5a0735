/**
 * Typed messages between the main thread (supervisor) and the executor worker.
 *
 * Every layer is a discriminated union on `type` (kebab-case), so neither side ever sniffs fields:
 * - the envelope: `HostToWorker` (requests) and `WorkerToHost` (responses to requests, and unsolicited events);
 * - the payloads: `WorkerInput` (what a request asks), `WorkerOutput` (what a success answers), `WorkerEvent`.
 * Adding a variant is a compile error in every `switch` with `assertNever` until it is handled.
 * Everything here must survive `postMessage` (structured clone): plain data only, no classes, no PyProxy.
 */
export * from './attempt-slots';
export * from './between-tabs';
export * from './host-to-worker';
export * from './interrupt-targets';
export * from './python-holder';
export * from './shared';
export * from './stop-actions';
export * from './worker-to-host';
