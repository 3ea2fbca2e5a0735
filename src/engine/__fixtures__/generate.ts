/**
 * Writes the golden journals from `../golden-scenarios.ts`. Run it only when a journal change is intended,
 * and review the diff: `npx tsx src/engine/__fixtures__/generate.ts [scenario-name...]`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GoldenFixture, goldenScenarios, projectView } from '../golden-scenarios';
import { reduceJournal } from '../ledger';
import { createMemoryJournalStore } from '../memory-store';
import type { JournalStore } from '../store';
import { createHarness } from '../test-harness';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

for (const scenario of goldenScenarios) {
  if (only.length > 0 && !only.includes(scenario.name)) continue;
  const inner = createMemoryJournalStore();
  const boundaries: number[] = [];
  const store: JournalStore = {
    ...inner,
    // The inner promise itself, with no extra await: the scenario must see the same store timing as the test.
    append: (id, events, summary) => {
      boundaries.push(events.at(-1)?.seq ?? 0);
      return inner.append(id, events, summary);
    },
  };
  const { workflows, drive } = scenario.make();
  const h = createHarness(workflows, { store });
  const id = await drive(h);
  const journal = await inner.read(id);
  const fixture: GoldenFixture = {
    description: scenario.description,
    boundaries,
    journal,
    view: projectView(reduceJournal(journal)),
  };
  writeFileSync(join(here, `${scenario.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`wrote ${scenario.name}.json (${journal.length} events)`);
}
