// The peer's side of the benchmark: the JavaScript version of the N-step chain as a Cloudflare Workflow,
// loaded by miniflare (workerd) in driver.mjs. The fetch handler is the driver's way in: create an instance,
// read its status.
import { WorkflowEntrypoint } from 'cloudflare:workers';
import { runChain } from './chain.mjs';

export class ChainWorkflow extends WorkflowEntrypoint {
  async run(event, step) {
    return runChain(event.payload.steps, (name, fn) => step.do(name, async () => fn()));
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/create') {
      const instance = await env.CHAIN.create({ params: { steps: Number(url.searchParams.get('steps')) } });
      return Response.json({ id: instance.id });
    }
    if (url.pathname === '/status') {
      const instance = await env.CHAIN.get(url.searchParams.get('id'));
      return Response.json(await instance.status());
    }
    return new Response('not found', { status: 404 });
  },
};
