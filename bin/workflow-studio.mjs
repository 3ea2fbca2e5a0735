#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli/main.ts) through tsx's loader, so there is no build step.
import { tsImport } from 'tsx/esm/api';

process.env.TZ = 'UTC';
await tsImport('../src/cli/main.ts', import.meta.url);
