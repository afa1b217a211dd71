/**
 * The output formats, by name only: what the CLI and the build check and schedule. The renderers
 * themselves (pdfkit, fontkit, epub-gen-memory…) load only where a format is rendered — in a
 * worker thread, or on first use — so a build does not pay for them before it needs them.
 */
export const RENDER_FORMATS = ['html', 'epub', 'pdf'] as const;

export const KNOWN_FORMATS = (): string[] => ['tei', ...RENDER_FORMATS];

export const isRenderFormat = (format: string): boolean =>
  (RENDER_FORMATS as readonly string[]).includes(format);
