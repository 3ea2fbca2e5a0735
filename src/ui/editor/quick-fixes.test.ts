import { describe, expect, it } from 'vitest';
import { analyzeWorkflow } from '../../analysis';
import { quickFixes } from './quick-fixes';
import { toMarkers } from './to-markers';

const SOURCE = `from workers import WorkflowEntrypoint


class Flow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do(config={"retries": {"limit": 3, "delay": 5000}})
        async def charge():
            return 1

        await charge()
        await step.sleep("nap", 3)
`;

describe('quick fixes', () => {
  it('offers the duration string for each numeric-duration marker Monaco passes, at the number', () => {
    const { diagnostics } = analyzeWorkflow(SOURCE);
    const markers = toMarkers(diagnostics).filter((m) => m.code === 'WS011');
    expect(markers).toHaveLength(2);
    expect(quickFixes(diagnostics, markers)).toEqual([
      {
        title: 'Write "5 seconds"',
        text: '"5 seconds"',
        marker: markers[0],
        range: { startLineNumber: 6, startColumn: 59, endLineNumber: 6, endColumn: 63 },
      },
      {
        title: 'Write "0.003 seconds"',
        text: '"0.003 seconds"',
        marker: markers[1],
        range: { startLineNumber: 11, startColumn: 33, endLineNumber: 11, endColumn: 34 },
      },
    ]);
  });

  it('offers nothing for a marker whose range or code no longer matches a fixable diagnostic', () => {
    const { diagnostics } = analyzeWorkflow(SOURCE);
    const [marker] = toMarkers(diagnostics).filter((m) => m.code === 'WS011');
    if (!marker) throw new Error('no marker');
    expect(quickFixes(diagnostics, [{ ...marker, startColumn: marker.startColumn + 1 }])).toEqual([]);
    expect(quickFixes(diagnostics, [{ ...marker, code: 'WS010' }])).toEqual([]);
    expect(quickFixes(diagnostics, [{ ...marker, code: { value: 'WS011' } }])).toHaveLength(1);
  });
});
