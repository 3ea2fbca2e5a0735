/**
 * Test-only: the files of the export cases of issue #20 point 8 (the implicit and the legacy `step.do` form, a
 * file mixing them, and a user's own fetch using another binding name), shared by `worker-fit.test.ts` and the
 * check of their `wrangler.jsonc` with wrangler's own config reader (`tests/wrangler-config/`).
 */
const HEAD = 'from workers import WorkflowEntrypoint, WorkerEntrypoint, Response\n\n\n';
export const IMPLICIT = `${HEAD}class DAGWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def a():
            return 1

        @step.do()
        async def b(a):
            return a + 1

        return await b()
`;
export const LEGACY = `${HEAD}class DAGWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("a")
        async def a():
            return 1

        @step.do("b", depends=[a])
        async def b(result):
            return result + 1

        return await b()
`;
export const MIXED = LEGACY.replace(
  '        return await b()\n',
  '        @step.do()\n        async def c(a):\n            return a\n\n        return [await b(), await c()]\n',
);
export const OWN_FETCH = `${IMPLICIT}

class Default(WorkerEntrypoint):
    async def fetch(self, request):
        instance = await self.env.MY_WORKFLOW.create()
        return Response.json({"id": instance.id})
`;
/** Uses self.env.MY_WORKFLOW and self.env.DAG_WORKFLOW: the first cannot be bound, so the export warns. */
export const UNBOUND_ENV_NAME = OWN_FETCH.replace(
  'self.env.MY_WORKFLOW.create()',
  'self.env.MY_WORKFLOW.create(); self.env.DAG_WORKFLOW',
);

/** Every case, by name. */
export const EXPORT_CASES = {
  implicit: IMPLICIT,
  legacy: LEGACY,
  mixed: MIXED,
  'own fetch': OWN_FETCH,
  'unbound env name': UNBOUND_ENV_NAME,
} as const;
