/**
 * From the studio to Cloudflare: the deployable project export.
 * Pure TypeScript (no DOM, Node, storage or clock); imports src/analysis and src/engine types only.
 */
export {
  type BuildProjectParams,
  type BuildProjectResult,
  buildCloudflareProject,
  type CloudflareProject,
  type ExportError,
  PROJECT_FILES,
} from './cloudflare-project';
export { ENTRYPOINT_MARKER, type ExportedWorkflow } from './entry-template';
export { kebabCase, upperSnake, workerNameFromFile, workerNameProblem } from './names';
export { COMPATIBILITY_DATE } from './project-files';
export { type ZipOptions, zipProject } from './zip';
