#!/usr/bin/env node
// Runs the CLI (src/cli/main.ts) compiled to plain JavaScript on first use (bin/cli-build.mjs), or, when that
// cannot be had, the TypeScript itself through tsx's loader. Node ≥ 22.1 also keeps V8's compiled code of the
// modules on disk (module.enableCompileCache; absent on Node 20, where this is a no-op).
import module from 'node:module';
import { compiledCli } from './cli-build.mjs';

module.enableCompileCache?.();
process.env.TZ = 'UTC';
const compiled = await compiledCli();
if (compiled) await import(compiled);
else await (await import('tsx/esm/api')).tsImport('../src/cli/main.ts', import.meta.url);
