#!/usr/bin/env node
// Runs the CLI (src/cli/main.ts) compiled to plain JavaScript on first use (bin/cli-build.mjs), or, when that
// cannot be had, the TypeScript itself through tsx's loader.
import { compiledCli } from './cli-build.mjs';

process.env.TZ = 'UTC';
const compiled = await compiledCli();
if (compiled) await import(compiled);
else await (await import('tsx/esm/api')).tsImport('../src/cli/main.ts', import.meta.url);
