/**
 * The executor client as the UI uses it: the supervisor's `StudioClient` (docs/studio-client.md), re-exported
 * so UI modules depend on one place.
 */
export type {
  ExecutorState,
  LoadSourceResult,
  RestartFrom,
  StudioClient,
  StudioNotice,
  Unsubscribe,
  WorkflowInfo,
} from '../../supervisor';
