#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step), so `npm run recto` works from a fresh clone.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
