export { createSupervisor, type Supervisor, type SupervisorDeps } from './create-supervisor';
export { ExecutorError, IllegalStateError, WorkerCrashedError } from './errors';
export type { ExecutorState, Unsubscribe, WorkerLike } from './types';
