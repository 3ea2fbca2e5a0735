// Runs under Node ≥ 22 (wrangler's minimum): reads wrangler config files with wrangler's own reader,
// `unstable_readConfig` (the validation `wrangler deploy` runs first), and prints one JSON line per file:
// {ok: true, config, messages} or {ok: false, error, messages}. `messages` is everything wrangler logged while
// reading that file (its warnings, e.g. "Unexpected fields found in top-level field"), without colours.
// Usage: node read-config.cjs <wrangler install dir> <config path>...
'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');

const [installDir, ...configPaths] = process.argv.slice(2);
let messages = [];
const ESC = String.fromCharCode(27);
const COLOUR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (args) => args.map(String).join(' ').replace(COLOUR, '').trim();
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => messages.push(plain(args));
}
const out = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);
const wrangler = createRequire(join(installDir, 'package.json'))('wrangler');
for (const configPath of configPaths) {
  messages = [];
  try {
    const config = wrangler.unstable_readConfig({ config: configPath });
    const { name, main, compatibility_date, compatibility_flags, workflows, observability } = config;
    const picked = { name, main, compatibility_date, compatibility_flags, workflows, observability };
    out({ ok: true, config: picked, messages });
  } catch (error) {
    out({ ok: false, error: plain([error instanceof Error ? error.message : error]), messages });
  }
}
