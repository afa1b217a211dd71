/** `recto render` of one TEI file to HTML, EPUB and PDF in its own process; prints its peak RSS and CPU time as JSON. */
import { render } from '../src/pipeline/render.ts';
import { silentReporter } from '../src/report.ts';

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error('usage: render-stage.ts FILE.xml OUT');
await render({ file, out, formats: ['html', 'epub', 'pdf'], reporter: silentReporter });
const { user, system } = process.cpuUsage();
console.log(
  JSON.stringify({
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    cpuSeconds: Math.round((user + system) / 1e4) / 100,
  }),
);
