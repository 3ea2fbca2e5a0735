export { App } from './App';
export { SupervisorContext } from './hooks/useSupervisor';
