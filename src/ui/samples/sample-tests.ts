import type { Sample } from './index';

/**
 * The sample's test file as it opens beside the workflow: `from hello_world import …` names the module the
 * workflow was saved as (`hello_world_2` when `hello_world.py` was taken).
 */
export function testSourceFor(sample: Sample, workflowFileName: string): string | undefined {
  if (!sample.tests) return undefined;
  const from = sample.fileName.replace(/\.py$/, '');
  const to = workflowFileName.replace(/\.py$/, '');
  return sample.tests.source.replace(new RegExp(`^(from|import) ${from}\\b`, 'gm'), `$1 ${to}`);
}
