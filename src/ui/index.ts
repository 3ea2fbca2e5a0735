export { App } from './App';
export { StudioClientContext } from './client/useClient';
