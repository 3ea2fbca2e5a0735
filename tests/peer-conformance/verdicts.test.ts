/** The suite's own logic, without miniflare: how gaps are judged, verdicts given and the table rendered. */
import { describe, expect, it } from 'vitest';
import { backoffShape } from './observe.mjs';
import { observationText, renderFidelity } from './report';
import { type ScenarioResult, verdictOf } from './runner';

describe('backoffShape', () => {
  it('names the most demanding backoff whose delays every gap lasted', () => {
    expect(backoffShape([150, 300, 600], 150)).toBe('exponential: every gap at least its delay');
    expect(backoffShape([155, 306, 452], 150)).toBe('linear: every gap at least its delay');
    expect(backoffShape([151, 152, 160], 150)).toBe('constant: every gap at least its delay');
  });

  it('lets load lengthen a gap by less than one delay without changing the answer', () => {
    expect(backoffShape([167, 375, 590], 150)).toBe('linear: every gap at least its delay');
    expect(backoffShape([290, 160, 170], 150)).toBe('constant: every gap at least its delay');
  });

  it('says so when an engine retried before the delay', () => {
    expect(backoffShape([150, 120, 150], 150)).toBe('some gap shorter than its constant delay');
  });

  it('does not judge fewer than two gaps', () => {
    expect(backoffShape([40], 10)).toBe('1 gap(s)');
  });
});

describe('verdictOf', () => {
  it('passes the same observations, and a difference only when listed', () => {
    expect(verdictOf('not-listed', true)).toEqual({ verdict: 'same' });
    expect(verdictOf('not-listed', false)).toEqual({ verdict: 'DIFFERENT' });
    expect(verdictOf('default-config', false)).toEqual({ verdict: 'known difference', causes: ['defaultDelay'] });
  });

  it('fails a listed difference that no longer occurs, so the list stays true', () => {
    expect(verdictOf('default-config', true).verdict).toBe('difference gone');
  });
});

const result = (over: Partial<ScenarioResult>): ScenarioResult => ({
  id: 'x',
  group: 'g',
  about: 'about x',
  ours: { compare: {} },
  peer: { compare: {} },
  verdict: 'same',
  ms: { ours: 1, peer: 1 },
  ...over,
});

describe('the fidelity table', () => {
  it('writes statuses in words and everything else as JSON', () => {
    expect(
      observationText({
        status: { status: 'errored', output: null, error: { name: 'Error', message: 'boom' } },
        attempts: [1, 2],
      }),
    ).toBe('errored, Error: "boom"; attempts: [1,2]');
    expect(observationText({ status: { status: 'complete', output: 'done', error: null } })).toBe(
      'complete, output "done"',
    );
  });

  it('has one row per scenario, escapes the column separator and links each cause', () => {
    const md = renderFidelity(
      [
        result({ id: 'a', about: 'a | b', ours: { compare: { v: 'x|y' } }, peer: { compare: { v: 'x|y' } } }),
        result({
          id: 'b',
          verdict: 'known difference',
          causes: ['defaultDelay'],
          ours: { compare: { v: 1 } },
          peer: { compare: { v: 2 } },
        }),
        result({ id: 'c', verdict: 'DIFFERENT', rerun: true }),
      ],
      { date: 'd', node: 'v22', miniflare: '4', wallMs: 1000, peerStartMs: 500, installMs: null },
    );
    expect(md).toContain('| `a` — a \\| b | v: "x\\|y" | v: "x\\|y" | same |');
    expect(md).toContain('| `b` — about x | v: 1 | v: 2 | differs: [defaultDelay](#defaultdelay) |');
    expect(md).toContain('**DIFFERENT (not explained)** (after a re-run)');
    expect(md).toContain('1 same, 1 differ for a listed cause, 1 unexplained, 0 listed but gone.');
    expect(md).toMatch(/### defaultDelay\n\n.+\n\nScenarios: `b`\./);
    expect(md).toContain('### errorNames');
    expect(md).toContain('Scenarios: none in this run.');
  });
});
