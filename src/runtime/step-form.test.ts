/**
 * The `step.do` form: Cloudflare runs one per Worker (a compatibility setting), and the studio runs the form the
 * file uses — legacy when `depends=` appears, implicit otherwise — so a step that names its dependencies as
 * parameters in a file that uses `depends=` fails as it would on Cloudflare.
 */
import { describe, expect, it } from 'vitest';
import { HEADER, setupPythonRuntime } from './test-runtime';

const { runOnce } = setupPythonRuntime();

const LEGACY = `${HEADER}
class Dag(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do("a")
        async def a():
            return 1

        @step.do("b", depends=[a])
        async def b(result):
            return result + 1

        out = [await b()]
        @step.do("c")
        async def c(a):
            return a
        try:
            out.append(await c())
        except TypeError as e:
            out.append(str(e))
        return out
`;

describe('step.do form', () => {
  it("runs a file that uses depends= in the legacy form: a parameter without depends= is Cloudflare's TypeError", async () => {
    const { view } = await runOnce(LEGACY);
    expect(view.output).toEqual([
      2,
      "Step has 1 non-ctx parameter(s) but no 'depends' list provided (this file uses depends= elsewhere, so it runs the legacy step.do form, as Cloudflare would)",
    ]);
  });

  it('runs a file without depends= in the implicit form: parameters name the steps', async () => {
    const { view } = await runOnce(
      LEGACY.replace(
        '@step.do("b", depends=[a])\n        async def b(result):\n            return result + 1',
        '@step.do("b")\n        async def b(a):\n            return a + 1',
      ),
    );
    expect(view.output).toEqual([2, 1]);
  });
});
