/** Every diagnostic code, its exact message and the exact range it underlines. */
import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from './analyze-workflow.ts';
import { type DiagnosticCode, diagnosticMessages, diagnosticSeverity } from './diagnostics.ts';
import { py, rangeOf, workflow } from './test-utils.ts';

interface Case {
  code: DiagnosticCode;
  source: string;
  message: string;
  /** Text the range covers, and which occurrence of it. */
  at: string;
  nth?: number;
}

const step = (name: string, params = '', decorator = '()') =>
  `@step.do${decorator}\nasync def ${name}(${params}):\n    return 1\n`;
const LONG = 'n'.repeat(257);

const cases: Case[] = [
  {
    code: 'WS000',
    source: workflow(`${step('a')}await a()\nvalue = = 3`),
    message: 'Syntax error: this part of the code could not be parsed, so the step graph may be incomplete.',
    at: 'value = ⟦=⟧ 3',
  },
  {
    code: 'WS001',
    source: 'print("hello")\nx = 1\n',
    message:
      'No class extends WorkflowEntrypoint. Add one, e.g. "class MyWorkflow(WorkflowEntrypoint):" with "async def run(self, event, step):".',
    at: 'print("hello")',
  },
  {
    code: 'WS002',
    source: 'from workers import WorkflowEntrypoint\nclass Empty(WorkflowEntrypoint):\n    pass\n',
    message: 'Class Empty extends WorkflowEntrypoint but has no run(self, event, step) method.',
    at: 'Empty',
  },
  {
    code: 'WS003',
    source: workflow(`${step('ship', 'order')}await ship()`),
    message:
      'Received unexpected parameter order: a parameter of step "ship" must be ctx or the name of a step declared before it runs.',
    at: 'order',
  },
  {
    code: 'WS004',
    source: workflow(`${step('b', 'a')}await b()\n${step('a')}`),
    message: 'Received unexpected parameter a: step "a" is declared after step "b" is called, so it is not known yet.',
    at: 'def b(⟦a⟧)',
  },
  {
    code: 'WS005',
    source: workflow(`${step('fetch_order', '', '("fetch-order")')}${step('charge', 'fetch_order')}await charge()`),
    message:
      'Received unexpected parameter fetch_order: parameters are matched against step names, and function fetch_order is the step "fetch-order".',
    at: 'fetch_order',
    nth: 2,
  },
  {
    code: 'WS006',
    source: workflow(`${step('a', '', '("a")')}${step('c', 'x, y', '("c", depends=[a])')}await c()`),
    message: 'Step "c" declares 2 non-ctx parameter(s) but \'depends\' has 1 item(s).',
    at: '[a]',
  },
  {
    code: 'WS007',
    source: workflow(`${step('c', 'x', '("c", depends=[missing])')}await c()`),
    message: 'depends item missing is not a step function declared in run().',
    at: 'missing',
  },
  {
    code: 'WS008',
    source: workflow(`${step('a', '', '("a")')}${step('c', 'x', '("c", depends=[a])')}await c()`),
    message: 'depends=[...] is the legacy form; prefer naming dependency steps as parameters.',
    at: '[a]',
  },
  {
    code: 'WS009',
    source: workflow(`${step('a', '', '')}await a()`),
    message: 'step.do must be called to make the decorator: write @step.do() or @step.do("name").',
    at: '@step.do',
  },
  {
    code: 'WS010',
    source: workflow('await step.sleep("nap", "10 secs")'),
    message:
      'Invalid duration "10 secs": write "<number> <unit>" with unit second, minute, hour, day, week, month or year (singular or plural), e.g. "10 seconds".',
    at: '"10 secs"',
  },
  {
    code: 'WS011',
    source: workflow('await step.sleep("nap", 30)'),
    message:
      'Numeric duration 30 is read as 30 milliseconds, as Cloudflare\'s runtime does (the Python docs say seconds). Write "0.03 seconds" to say so, or a string in the unit you meant.',
    at: '30',
  },
  {
    code: 'WS012',
    source: workflow('await step.sleep_until("until", 1700000000)'),
    message:
      "Numeric timestamp 1700000000 looks like seconds: Cloudflare's runtime reads epoch milliseconds, so it lands in 1970. Pass a datetime, or 1700000000000 for milliseconds.",
    at: '1700000000',
  },
  {
    code: 'WS013',
    source: workflow('await step.sleep("long", "400 days")'),
    message: 'Duration "400 days" exceeds the 365-day maximum of step.sleep.',
    at: '"400 days"',
  },
  {
    code: 'WS020',
    source: workflow(`${step('a', '', '(config={"retry": 1})')}await a()`),
    message: 'Step config for "a" is in a invalid format: unknown key "retry" (allowed: retries, timeout).',
    at: '"retry"',
  },
  {
    code: 'WS021',
    source: workflow(`${step('a', '', '(config={"retries": 3})')}await a()`),
    message: 'Step config for "a" is in a invalid format: retries must be a dict.',
    at: '3',
  },
  {
    code: 'WS022',
    source: workflow(`${step('a', '', '(config={"retries": {"limit": 2}})')}await a()`),
    message: 'Step config for "a" is in a invalid format: retries needs "delay" (both limit and delay are required).',
    at: '{"limit": 2}',
  },
  {
    code: 'WS023',
    source: workflow(
      `${step('a', '', '(config={"retries": {"limit": 1, "delay": "1 second", "jitter": True}})')}await a()`,
    ),
    message:
      'Step config for "a" is in a invalid format: unknown retries key "jitter" (allowed: limit, delay, backoff).',
    at: '"jitter"',
  },
  {
    code: 'WS024',
    source: workflow(`${step('a', '', '(config={"retries": {"limit": -1, "delay": "1 second"}})')}await a()`),
    message: 'Step config for "a" is in a invalid format: retries.limit must be a number >= 0 or float("inf").',
    at: '-1',
  },
  {
    code: 'WS025',
    source: workflow(`${step('a', '', '(config={"retries": {"limit": 1, "delay": -5}})')}await a()`),
    message: 'Step config for "a" is in a invalid format: retries.delay must be a number >= 0 or a duration string.',
    at: '-5',
  },
  {
    code: 'WS026',
    source: workflow(
      `${step('a', '', '(config={"retries": {"limit": 1, "delay": "1 second", "backoff": "random"}})')}await a()`,
    ),
    message:
      'Step config for "a" is in a invalid format: retries.backoff must be "constant", "linear" or "exponential", not "random".',
    at: '"random"',
  },
  {
    code: 'WS027',
    source: workflow(`${step('a', '', '(config={"timeout": 0})')}await a()`),
    message: 'Step config for "a" is in a invalid format: timeout must be greater than 0.',
    at: '0',
  },
  {
    code: 'WS028',
    source: workflow(`${step('a', '', '(config={"timeout": True})')}await a()`),
    message: 'Step config for "a" is in a invalid format: timeout must be a number > 0 or a duration string.',
    at: 'True',
  },
  {
    code: 'WS029',
    source: workflow(`${step('a', '', '(config="fast")')}await a()`),
    message: 'Step config for "a" is in a invalid format: config must be a dict.',
    at: '"fast"',
  },
  {
    code: 'WS030',
    source: workflow(`${step('a', '', '("dup")')}${step('b', '', '("dup")')}await a()\nawait b()`),
    message:
      'Step name "dup" is also used by the step on line 6. Both run (the journal counts them 1, 2, …), but a parameter named dup gets only one of their results and reordering them swaps their cached results. Give each step its own name.',
    at: '"dup"',
    nth: 2,
  },
  {
    code: 'WS031',
    source: workflow('await step.sleep("nap", "1 hour")\nawait step.sleep("nap", "2 hours")'),
    message:
      'step.sleep name "nap" is also used on line 6. That is allowed: replay tells them apart by order (counts 1, 2, …), so keep their order stable.',
    at: '"nap"',
    nth: 2,
  },
  {
    code: 'WS032',
    source: workflow(`await step.sleep("${LONG}", "1 hour")`),
    message: 'Step name is 257 characters long; the limit is 256.',
    at: `"${LONG}"`,
  },
  {
    code: 'WS033',
    source: workflow(`await step.wait_for_event("bad\\x01name", "approval")`),
    message: 'Step name contains a control character, which Cloudflare rejects.',
    at: '"bad\\x01name"',
  },
  {
    code: 'WS034',
    source: workflow('return 1')
      .replace('class Flow(', 'class VeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVery(')
      .replace(
        '\nclass',
        '\nclass ShortEnough(WorkflowEntrypoint):\n    async def run(self, event, step):\n        return 1\n\n\nclass',
      ),
    message:
      'Class VeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVery gets the workflow name "very-very-very-very-very-very-very-very-very-very-very-very-very-very-very-very-very", which Cloudflare refuses (it is 84 characters long; the maximum is 64); rename the class.',
    at: 'VeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVeryVery',
  },
  {
    code: 'WS040',
    source: workflow(`${step('a')}a()`),
    message: 'Step "a" is called but not awaited, so it never runs. Write "await a()".',
    at: '⟦a()⟧\n',
  },
  {
    code: 'WS041',
    source: workflow('step.sleep("nap", "1 second")'),
    message: 'step.sleep(…) is not awaited, so it does nothing. Write "await step.sleep(…)".',
    at: 'step.sleep("nap", "1 second")',
  },
  {
    code: 'WS050',
    source: workflow(`${step('a', 'b')}${step('b', 'a')}await a()`),
    message: 'Dependency cycle: a → b → a. Each of these steps waits for another, so none can run.',
    at: 'def ⟦a⟧(b)',
  },
  {
    code: 'WS060',
    source: workflow(`import time\n${step('a', '', '(f"run-{time.time()}")')}await a()`),
    message:
      'Step name f"run-{time.time()}" changes between runs (time, random or uuid). On replay it misses the journal and runs again; use a fixed name.',
    at: 'f"run-{time.time()}"',
  },
  {
    code: 'WS070',
    source: workflow(py`
      images = []

      @step.do()
      async def collect():
          images.append("cat.png")

      await collect()
    `),
    message:
      'Step "collect" changes images, which lives outside the step. On replay the step is served from the journal and does not run, so the change is lost; return the value instead.',
    at: 'images.append("cat.png")',
  },
  {
    code: 'WS071',
    source: workflow('event["payload"]["seen"] = True'),
    message:
      'Changes to event are not persisted: every replay of run() gets the original event. Keep derived values in variables or step results.',
    at: 'event["payload"]["seen"] = True',
  },
  {
    code: 'WS090',
    source: workflow(step('lonely')),
    message: 'Step "lonely" is declared but never called or used as a dependency, so it never runs.',
    at: 'lonely',
  },
  {
    code: 'WS091',
    source: workflow(
      `import asyncio\n${step('a')}${step('b')}await asyncio.wait([a(), b()], return_when=asyncio.FIRST_COMPLETED)`,
    ),
    message:
      'Racing steps (return_when=FIRST_COMPLETED) can pick a different winner on replay; wrap the race in an outer step so the winner is journaled.',
    at: 'asyncio.wait([a(), b()], return_when=asyncio.FIRST_COMPLETED)',
  },
];

describe('diagnostics', () => {
  it.each(cases)('$code: exact message, severity and range', ({ code, source, message, at, nth }) => {
    const found = analyzeWorkflow(source).diagnostics.filter((d) => d.code === code);
    expect(found).toMatchObject([{ code, severity: diagnosticSeverity[code], message, range: expect.anything() }]);
    expect(found).toHaveLength(1);
    expect(found[0]?.range).toMatchObject(rangeOf(source, at, nth));
  });

  it('covers every code of the table', () => {
    expect(new Set(cases.map((c) => c.code))).toEqual(new Set(Object.keys(diagnosticMessages)));
  });

  it('names the step in every message about one, and the API in every other (but a syntax error)', () => {
    const aboutAStep = /^WS0(0[3-7]|2\d|30|40|60|70|90)$/;
    const api =
      /WorkflowEntrypoint|run\(|step\.\w+|depends|duration|timestamp|Duration|step name|Step name|await|event|Dependency cycle|FIRST_COMPLETED|workflow name/;
    for (const c of cases) {
      const found = analyzeWorkflow(c.source).diagnostics.find((d) => d.code === c.code);
      if (c.code === 'WS000' || !found) continue;
      if (aboutAStep.test(c.code)) {
        const names = [...c.source.matchAll(/def (\w+)\(|step\.do\("([^"]+)"/g)].map((m) => m[1] ?? m[2]);
        expect(
          names.some((n) => found.message.includes(`"${n}"`) || found.message.includes(` ${n}`)),
          c.code,
        ).toBe(true);
      } else expect(found.message, c.code).toMatch(api);
    }
  });

  it('gives 1-based lines and columns plus offsets', () => {
    const source = workflow('await step.sleep("nap", "soon")');
    const [d] = analyzeWorkflow(source).diagnostics;
    const from = source.indexOf('"soon"');
    expect(d?.range).toEqual({ from, to: from + 6, startLine: 6, startColumn: 33, endLine: 6, endColumn: 39 });
  });

  // Agreement with the engine's own validation, case by case: tests/agreement/step-config.test.ts.
  it('accepts the reference configs and marks bad ones with the code that says why', () => {
    const config = (c: string) => workflow(`${step('a', '', `(config=${c})`)}await a()`);
    const errorsOf = (c: string) =>
      analyzeWorkflow(config(c))
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code);
    expect(
      errorsOf('{"retries": {"limit": 0, "delay": 100000, "backoff": "exponential"}, "timeout": "15 minutes"}'),
    ).toEqual([]);
    expect(errorsOf('{"timeout": "5 years"}')).toEqual([]);
    expect(errorsOf('{"retries": {"limit": float("inf"), "delay": 0}}')).toEqual([]);
    expect(errorsOf('{"retries": {"limit": math.inf, "delay": "1.5 hours"}}')).toEqual([]);
    expect(errorsOf('dict(retries=dict(limit=1, delay="1 second"))')).toEqual([]);
    expect(errorsOf('{"retries": {"delay": "1 second"}}')).toEqual(['WS022']);
    expect(errorsOf('{"retries": {"limit": 1, "delay": "i like trains"}}')).toEqual(['WS010']);
    expect(errorsOf('{"timeout": "0 seconds"}')).toEqual(['WS027']);
    expect(errorsOf('{"retries": {**base, "jitter": 1}}')).toEqual(['WS023']);
    expect(errorsOf('CONFIG')).toEqual([]);
    expect(errorsOf('None')).toEqual([]);
  });
});
