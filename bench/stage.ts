/**
 * One benchmark build in its own process, so its peak RSS is its own: builds a sources folder
 * with the given formats (`--no-cache`: a clean build) and prints {seconds, peakRssMB} as JSON.
 */
import { build } from '../src/pipeline/build.ts';
import { silentReporter } from '../src/report.ts';

const [sources, out, formats, ...flags] = process.argv.slice(2);
if (!sources || !out || !formats) throw new Error('usage: stage.ts SOURCES OUT FORMATS [--no-cache]');
const started = performance.now();
const result = await build({
  sources,
  out,
  formats: formats.split(','),
  reporter: silentReporter,
  cache: !flags.includes('--no-cache'),
});
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    documents: result.documents,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
