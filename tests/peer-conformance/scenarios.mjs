// Every scenario of the differential suite, in report order. A scenario is
//   { id, group, about, workflow({event, step, t}), drive(api) → {compare, info?} }
// `workflow` is the body both engines run (Cloudflare's JavaScript step API); `t(entry)` records what the body
// did with a wall time. `drive` creates and steers instances through `api` (the same calls on both sides) and
// returns `compare` (must be equal on both sides) and `info` (reported, not compared: timings).
import events from './scenarios/events.mjs';
import lifecycle from './scenarios/lifecycle.mjs';
import retries from './scenarios/retries.mjs';
import sleepsLimits from './scenarios/sleeps-limits.mjs';
import steps from './scenarios/steps.mjs';
import values from './scenarios/values.mjs';

export const SCENARIOS = [...retries, ...steps, ...events, ...sleepsLimits, ...lifecycle, ...values];
