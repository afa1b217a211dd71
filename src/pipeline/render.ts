import { stat } from 'node:fs/promises';
import { InputError, RectoError } from '../errors.ts';
import { masterReader, RENDERERS } from '../render/registry.ts';
import type { Reporter } from '../report.ts';
import { readEdition } from '../tei/edition.ts';

export interface RenderOptions {
  file: string;
  out: string;
  formats: string[];
  reporter: Reporter;
}

/** `recto render`: the renderers `recto build` uses, on a TEI file someone else wrote. */
export async function render(
  options: RenderOptions,
): Promise<{ documents: number; files: string[]; seconds: number }> {
  const started = performance.now();
  const unknown = options.formats.filter((f) => !RENDERERS[f]);
  if (unknown.length)
    throw new RectoError(
      `unknown format ${unknown.join(', ')}; available: ${Object.keys(RENDERERS).join(', ')}`,
      2,
    );
  try {
    await stat(options.file);
  } catch {
    throw new InputError(`${options.file}: no such file`);
  }
  // Read once here to refuse hostile or non-TEI input before any renderer starts.
  const master = masterReader(options.file);
  const documents = readEdition(await master()).documents.length;
  const files: string[] = [];
  for (const format of options.formats) {
    const renderer = RENDERERS[format];
    if (renderer)
      files.push(
        ...(await renderer({
          editionXml: options.file,
          master,
          outDir: options.out,
          reporter: options.reporter,
          formats: options.formats,
        })),
      );
  }
  return { documents, files, seconds: (performance.now() - started) / 1000 };
}
