#!/usr/bin/env node
// Runs Recto's compiled JavaScript (dist/). In a clone (src/ is here) dist/ is first brought up to
// date with src/ — a glance at src's file sizes and times, a few milliseconds; only changed files
// are compiled again — so the README's commands need no build step and an edit is never run stale.
// A packed Recto ships dist/ without src/ and runs it as it is.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/cli.ts', import.meta.url))) {
  const { ensureCompiled, isCurrent } = await import('../scripts/compile.js');
  if (!isCurrent()) await ensureCompiled();
}
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // what commander would print, without loading commander and the command table (a third of the start)
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  await import('../dist/cli.js');
}
