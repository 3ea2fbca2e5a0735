/**
 * The editor's static config check (src/analysis, WS020–WS029 and WS010) and the engine's validation
 * (src/engine/step-config.ts) must accept and refuse the same step configs: a config the editor passes must
 * not fail at run time, and one it marks as an error must fail. Each case is a Python literal and the value
 * the runtime hands the engine for it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../src/analysis';
import { resolveStepConfig } from '../../src/engine';

const cases: [python: string, engine: unknown][] = [
  [
    '{"retries": {"limit": 0, "delay": 100000, "backoff": "exponential"}, "timeout": "15 minutes"}',
    { retries: { limit: 0, delay: 100000, backoff: 'exponential' }, timeout: '15 minutes' },
  ],
  ['{"timeout": "5 years"}', { timeout: '5 years' }],
  ['{"retries": {"limit": float("inf"), "delay": 0}}', { retries: { limit: Number.POSITIVE_INFINITY, delay: 0 } }],
  [
    '{"retries": {"limit": 1, "delay": "1.5 hours", "backoff": "linear"}, "timeout": 5000}',
    { retries: { limit: 1, delay: '1.5 hours', backoff: 'linear' }, timeout: 5000 },
  ],
  ['{}', {}],
  ['{"retries": {"delay": "1 second"}}', { retries: { delay: '1 second' } }],
  ['{"retries": {"limit": 1}}', { retries: { limit: 1 } }],
  ['{"retries": {"limit": 1, "delay": "i like trains"}}', { retries: { limit: 1, delay: 'i like trains' } }],
  ['{"retries": {"limit": 1, "delay": "10seconds"}}', { retries: { limit: 1, delay: '10seconds' } }],
  ['{"timeout": "10 Seconds"}', { timeout: '10 Seconds' }],
  ['{"timeout": "1 fortnight"}', { timeout: '1 fortnight' }],
  ['{"timeout": "0 seconds"}', { timeout: '0 seconds' }],
  ['{"timeout": 0}', { timeout: 0 }],
  ['{"retries": {"limit": 1, "delay": 1, "jitter": 1}}', { retries: { limit: 1, delay: 1, jitter: 1 } }],
  ['{"retries": {"limit": -1, "delay": 1}}', { retries: { limit: -1, delay: 1 } }],
  ['{"retries": {"limit": 1, "delay": -1}}', { retries: { limit: 1, delay: -1 } }],
  [
    '{"retries": {"limit": 1, "delay": 1, "backoff": "random"}}',
    { retries: { limit: 1, delay: 1, backoff: 'random' } },
  ],
  ['{"retries": 3}', { retries: 3 }],
  ['{"other": 1}', { other: 1 }],
];

const source = (config: string) =>
  `from workers import WorkflowEntrypoint\n\n\nclass Flow(WorkflowEntrypoint):\n    async def run(self, event, step):\n        @step.do(config=${config})\n        async def a():\n            return 1\n\n        await a()\n`;

describe('step configs: the editor and the engine agree', () => {
  it.each(cases)('%s', (python, engine) => {
    const errors = analyzeWorkflow(source(python)).diagnostics.filter((d) => d.severity === 'error');
    const check = resolveStepConfig(engine);
    const why = `editor: ${errors.map((d) => d.code).join(', ') || 'accepts'}; engine: ${check.ok ? 'accepts' : check.detail}`;
    expect(errors.length === 0, why).toBe(check.ok);
  });

  it('has cases both accept and cases both refuse', () => {
    const accepted = cases.filter(([, engine]) => resolveStepConfig(engine).ok);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(cases.length - accepted.length).toBeGreaterThanOrEqual(10);
  });
});
