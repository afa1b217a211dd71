import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import type { Diagnostic } from './diagnostics.ts';
import { RectoError, UsageError } from './errors.ts';
import { progressFor } from './pipeline/progress.ts';
import { knownFormats, renderFormats } from './render/writers.ts';
import { consoleReporter } from './report.ts';
import { VERSION } from './version.ts';

/**
 * Exit codes: 0 ok, 1 input errors, 2 usage, 3 internal. Each command imports its implementation
 * when it runs: `recto --version` or `recto text` does not load the renderers, pdfkit or xmlbuilder2
 * (start 0.45 s -> 0.27 s).
 */
const program = new Command('recto')
  .description('Plain-text historical documents → a TEI P5 scholarly edition (HTML, EPUB, PDF)')
  .version(VERSION)
  .option('--quiet', 'print errors only')
  .option('--json', 'print diagnostics as JSON lines')
  .exitOverride()
  .showHelpAfterError();

const formatList = (list: string): string[] =>
  list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);

const globalOptions = () => program.opts<{ quiet?: boolean; json?: boolean }>();
const reporter = () => consoleReporter(globalOptions());
const jobsOption = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs ${value}: expected a whole number ≥ 1`);
  return n;
};
/** The convention families the documents showed (`; conventions: gutenberg 3, law-report 1`), from their diagnostics. */
function conventionsSummary(diagnostics: Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.ruleId !== 'conventions') continue;
    const family = d.message.slice(0, d.message.indexOf(':'));
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  return `; conventions: ${[...counts].map(([f, n]) => `${f} ${n}`).join(', ')}`;
}

/** The final line of every command that writes an edition: "N documents, M files, X s". */
const summary = (documents: number, files: number, seconds: number, extra = ''): string =>
  `${documents} documents, ${files} files, ${seconds.toFixed(2)} s${extra}`;

program
  .command('build')
  .description('normalize the sources to TEI and render the other formats from it')
  .option('--sources <dir>', 'folder with edition.json and the .txt sources', 'sources')
  .option('--out <dir>', 'output folder', 'output')
  .option('--formats <list>', `comma-separated: ${knownFormats().join(',')}`, knownFormats().join(','))
  .option('--max-source-bytes <n>', 'refuse larger sources', String(50 * 1024 * 1024))
  .option('--jobs <n>', 'worker threads (default: one per core, or RECTO_JOBS)', jobsOption)
  .option('--no-cache', 'ignore and do not update output/.cache (rebuild everything)')
  .option(
    '--shard <i/n|auto>',
    "build only the TEI of every n-th document from the i-th, for recto merge (auto: the scheduler's array task)",
  )
  .option('--profile', 'print where the time went: each stage, thread use, peak memory')
  .option('--assets <dir>', "a folder of the figures' images (else beside the sources)")
  .action(
    async (opts: {
      assets?: string;
      sources: string;
      out: string;
      formats: string;
      maxSourceBytes: string;
      jobs?: number;
      cache: boolean;
      shard?: string;
      profile?: boolean;
    }) => {
      const r = reporter();
      const { build } = await import('./pipeline/build.ts');
      const { shardOption } = await import('./pipeline/shard-auto.ts');
      const result = await build({
        sources: opts.sources,
        out: opts.out,
        formats: formatList(opts.formats),
        reporter: r,
        maxSourceBytes: Number(opts.maxSourceBytes),
        jobs: opts.jobs,
        cache: opts.cache,
        shard: opts.shard === undefined ? undefined : shardOption(opts.shard, process.env, (m) => r.info(m)),
        ...(opts.assets ? { assets: opts.assets } : {}),
        progress: progressFor(globalOptions()),
      });
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
      r.info(
        summary(
          result.documents,
          result.files.length,
          result.seconds,
          `; ${warnings} warnings${conventionsSummary(result.diagnostics)}`,
        ),
      );
      if (opts.profile) {
        // (on stderr with the other reports, even with --quiet: it was asked for; one JSON line with --json)
        if (globalOptions().json)
          process.stderr.write(
            `${JSON.stringify({ profile: { seconds: result.seconds, ...result.profile } })}\n`,
          );
        else {
          const { formatProfile } = await import('./pipeline/profile-report.ts');
          process.stderr.write(`${formatProfile(result.profile, result.seconds)}\n`);
        }
      }
    },
  );

program
  .command('merge')
  .description(
    'join the outputs of `recto build --shard i/n` (one folder per shard) into the edition, or of `recto collection --shard i/n` into the collection',
  )
  .argument('<shards...>', 'the output folders of the shards')
  .option('--out <dir>', 'output folder', 'output')
  .option('--formats <list>', `comma-separated: ${knownFormats().join(',')}`, knownFormats().join(','))
  .option('--jobs <n>', 'worker threads (default: one per core, or RECTO_JOBS)', jobsOption)
  .action(async (shards: string[], opts: { out: string; formats: string; jobs?: number }) => {
    const r = reporter();
    const { isCollectionShard } = await import('./collection/shard.ts');
    if (shards.length && (await isCollectionShard(shards[0] as string))) {
      // (a collection's shards carry their manifest and formats: the volumes are joined as built)
      const { mergeCollection } = await import('./collection/merge.ts');
      const result = await mergeCollection({ shards, out: opts.out, reporter: r });
      r.info(`${result.volumes} volumes; ${summary(result.documents, result.files.length, result.seconds)}`);
      return;
    }
    const { merge } = await import('./pipeline/shard.ts');
    const result = await merge({
      shards,
      out: opts.out,
      formats: formatList(opts.formats),
      reporter: r,
      jobs: opts.jobs,
      progress: progressFor(globalOptions()),
    });
    r.info(summary(result.documents, result.files.length, result.seconds));
  });

program
  .command('render')
  .description(
    'render any TEI P5 document or teiCorpus (ours or not, e.g. a FRUS volume) to HTML, EPUB and PDF',
  )
  .argument('<file>', 'a TEI or teiCorpus file')
  .option('--out <dir>', 'output folder', 'output')
  .option('--formats <list>', `comma-separated: ${renderFormats().join(',')}`, renderFormats().join(','))
  .option('--jobs <n>', 'worker threads (default: one per core, or RECTO_JOBS)', jobsOption)
  .option('--assets <dir>', "a folder of the figures' images (else beside the TEI file)")
  .action(async (file: string, opts: { out: string; formats: string; jobs?: number; assets?: string }) => {
    const r = reporter();
    const { render } = await import('./pipeline/render.ts');
    const result = await render({
      file,
      out: opts.out,
      formats: formatList(opts.formats),
      reporter: r,
      jobs: opts.jobs,
      ...(opts.assets ? { assets: opts.assets } : {}),
      progress: progressFor(globalOptions()),
    });
    r.info(summary(result.documents, result.files.length, result.seconds));
  });

program
  .command('collection')
  .description(
    'build every edition of a collection (COLLECTION.json: sources folders and TEI volumes) into its own folder, and the landing page and sitemap above them',
  )
  .argument('<manifest>', 'the collection manifest (COLLECTION.json)')
  .option('--out <dir>', 'output folder', 'output')
  .option('--formats <list>', `comma-separated: ${knownFormats().join(',')}`, knownFormats().join(','))
  .option('--jobs <n>', 'worker threads (default: one per core, or RECTO_JOBS)', jobsOption)
  .option('--site-url <url>', "the site's address, for the sitemap's absolute URLs")
  .option(
    '--shard <i/n|auto>',
    "build only shard i of n's volumes, for recto merge (auto: the scheduler's array task)",
  )
  .action(
    async (
      manifest: string,
      opts: { out: string; formats: string; jobs?: number; siteUrl?: string; shard?: string },
    ) => {
      const r = reporter();
      const { buildCollection } = await import('./collection/build.ts');
      const { shardOption } = await import('./pipeline/shard-auto.ts');
      const result = await buildCollection({
        manifest,
        out: opts.out,
        formats: formatList(opts.formats),
        reporter: r,
        jobs: opts.jobs,
        ...(opts.siteUrl ? { siteUrl: opts.siteUrl } : {}),
        ...(opts.shard === undefined
          ? {}
          : { shard: shardOption(opts.shard, process.env, (m) => r.info(m)) }),
      });
      r.info(`${result.volumes} volumes; ${summary(result.documents, result.files.length, result.seconds)}`);
    },
  );

program
  .command('reader')
  .description(
    'build a course reader (reader.json: units of excerpts with headnotes and questions) into TEI, HTML, EPUB, PDF and handouts',
  )
  .argument('<manifest>', 'the reader manifest (reader.json)')
  .option('--out <dir>', 'output folder', 'output')
  .option('--formats <list>', `comma-separated: ${knownFormats().join(',')}`, knownFormats().join(','))
  .option('--no-handouts', 'do not make a handout PDF per item (output/handouts/)')
  .option('--jobs <n>', 'worker threads (default: one per core, or RECTO_JOBS)', jobsOption)
  .action(
    async (manifest: string, opts: { out: string; formats: string; handouts: boolean; jobs?: number }) => {
      const r = reporter();
      const { buildReader } = await import('./reader/build.ts');
      const result = await buildReader({
        manifest,
        out: opts.out,
        formats: formatList(opts.formats),
        reporter: r,
        handouts: opts.handouts,
        jobs: opts.jobs,
        progress: progressFor(globalOptions()),
      });
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
      r.info(summary(result.documents, result.files.length, result.seconds, `; ${warnings} warnings`));
    },
  );

const portOption = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port ${value}: expected 0–65535`);
  return n;
};

program
  .command('preview')
  .description('build the edition, serve its site on 127.0.0.1 and rebuild and reload on every change')
  .option('--sources <dir>', 'folder with edition.json and the .txt sources', 'sources')
  .option('--out <dir>', 'output folder', 'output')
  .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', portOption, 8080)
  .option('--no-books', 'do not rebuild the EPUB and PDF in the background')
  .action(async (opts: { sources: string; out: string; port: number; books: boolean }) => {
    const r = reporter();
    // Ctrl-C from the first moment: during the first build too, the preview stops cleanly.
    const stopped = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    const { startPreview } = await import('./preview/session.ts');
    const preview = await startPreview({
      sources: opts.sources,
      out: opts.out,
      port: opts.port,
      reporter: r,
      books: opts.books ? undefined : [],
    });
    // (on stdout, alone on its line: scripts and editors read the address from it)
    process.stdout.write(`Preview: ${preview.url}\n`);
    r.info('Watching the sources and templates; Ctrl-C stops.');
    await stopped;
    await preview.stop();
    r.info('preview stopped');
  });

program
  .command('normalize')
  .description('print the TEI of one plain-text source')
  .argument('<file>', 'a .txt source')
  .action(async (file: string) => {
    const bytes = await readSource(file);
    const { documentId, normalize } = await import('./normalize/index.ts');
    const { serializeTei } = await import('./tei/write.ts');
    const result = normalize(bytes, {
      file,
      id: documentId(basename(file)),
      edition: { id: 'edition', title: basename(file), language: 'en' },
    });
    const r = reporter();
    for (const d of result.diagnostics) r.diagnostic(d);
    process.stdout.write(serializeTei(result.tei));
  });

program
  .command('validate')
  .description('validate TEI files against TEI P5 tei_all.rng with jing')
  .argument('<files...>', 'TEI files')
  .action(async (files: string[]) => {
    const { validateTei } = await import('./tei/validate.ts');
    const result = await validateTei(files);
    for (const m of result.messages) process.stderr.write(`${m}\n`);
    if (!result.ok) throw new RectoError(`${files.length} file(s) checked: not valid TEI P5`, 1);
    reporter().info(`${files.length} file(s) valid against TEI P5`);
  });

program
  .command('text')
  .description('regenerate the plain text from a TEI file (the round-trip check)')
  .argument('<file>', 'a TEI or teiCorpus file')
  .action(async (file: string) => {
    const { TeiMaster } = await import('./model/master.ts');
    const { teiToText } = await import('./normalize/unparse.ts');
    // the source as it was, byte for byte: nothing added (not even a final line break)
    process.stdout.write(teiToText(await new TeiMaster(file).read()));
  });

program
  .command('model')
  .description(
    'print the edition model of a TEI file (ours or not): an outline, or with --json the whole model as JSON',
  )
  .argument('<file>', 'a TEI or teiCorpus file')
  // (`--json` is the global option: it asks for JSON output, here the model's rather than diagnostics')
  .addHelpText(
    'after',
    '\nWith the global --json (before or after the command), the model as JSON (src/model/json.ts).',
  )
  .action(async (file: string) => {
    // an outline is read through `| head` or `| less`: a reader that stops early is no error
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      process.stderr.write(`recto: cannot write the model: ${error.message}\n`);
      process.exitCode = 1;
    });
    const { TeiMaster } = await import('./model/master.ts');
    const edition = await new TeiMaster(file).edition();
    if (globalOptions().json) {
      const { modelToJson } = await import('./model/json.ts');
      process.stdout.write(modelToJson(edition));
    } else {
      const { modelOutline } = await import('./model/outline.ts');
      process.stdout.write(modelOutline(edition));
    }
  });

async function readSource(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new RectoError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      1,
    );
  }
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof RectoError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `recto: internal error: ${message}\n(please report it; RECTO_DEBUG=1 shows the stack)\n`,
    );
    if (process.env.RECTO_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 3;
  }
}
