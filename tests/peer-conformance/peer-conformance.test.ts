/**
 * The differential conformance suite (issue #20): every scenario in scenarios/ runs on our engine and on
 * Cloudflare's local engine (miniflare, in a Node 22 child process), and each must observe the same or differ
 * only for a cause listed in known-differences.ts — and then exactly as reviewed (a snapshot of both sides'
 * observations). With FIDELITY_WRITE=1 (`npm run conformance:peer`) the run is written to docs/fidelity.md.
 * CONFORMANCE_ONLY=id,id runs only those scenarios (and writes nothing).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSES, KNOWN_DIFFERENCES } from './known-differences';
import { createOurSide } from './our-side';
import { type PeerSide, startPeer } from './peer-side';
import { renderFidelity } from './report';
import { runScenarios, type ScenarioResult } from './runner';
import { SCENARIOS } from './scenarios.mjs';

const DOCS = new URL('../../docs/', import.meta.url);
const ONLY = process.env.CONFORMANCE_ONLY?.split(',').filter(Boolean);
const CHOSEN = ONLY ? SCENARIOS.filter((s) => ONLY.includes(s.id)) : SCENARIOS;
const results = new Map<string, ScenarioResult>();
let ours: ReturnType<typeof createOurSide> | undefined;
let peer: PeerSide | undefined;

describe("differential conformance against Cloudflare's local engine (miniflare)", () => {
  beforeAll(async () => {
    const t0 = performance.now();
    ours = createOurSide();
    peer = await startPeer();
    for (const r of await runScenarios(CHOSEN, { ours: ours.call, peer: peer.call })) results.set(r.id, r);
    if (process.env.FIDELITY_WRITE === '1' && !ONLY) {
      const info = {
        date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        node: peer.info.node,
        miniflare: peer.info.miniflare,
        wallMs: performance.now() - t0,
        peerStartMs: peer.info.startMs,
        installMs: peer.info.installMs,
      };
      writeFileSync(fileURLToPath(new URL('fidelity.md', DOCS)), renderFidelity([...results.values()], info));
    }
  }, 300_000);

  afterAll(async () => {
    ours?.dispose();
    await peer?.stop();
  });

  it('has at least 40 scenarios, with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it('lists differences only for scenarios that exist, and explains every cause it lists', () => {
    const ids = new Set(SCENARIOS.map((s) => s.id));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((id) => !ids.has(id))).toEqual([]);
    const used = new Set(Object.values(KNOWN_DIFFERENCES).flat());
    expect(Object.keys(CAUSES).filter((c) => !used.has(c as keyof typeof CAUSES))).toEqual([]);
  });

  it.each(CHOSEN.map((s) => [s.id, s.about] as const))('%s: %s', (id) => {
    const r = results.get(id);
    expect(r, 'the scenario did not run').toBeDefined();
    const seen = { verdict: r?.verdict, rerun: r?.rerun, ours: r?.ours, peer: r?.peer };
    expect(['same', 'known difference'], JSON.stringify(seen, null, 1)).toContain(r?.verdict);
    // A listed difference is pinned as it was reviewed: any change on either side shows here (then review it,
    // `npx vitest run tests/peer-conformance -u`, and `npm run conformance:peer` for the table).
    if (r?.verdict === 'known difference') expect({ ours: r.ours.compare, peer: r.peer.compare }).toMatchSnapshot();
  });
});
