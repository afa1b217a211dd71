/**
 * The pipeline as every command uses it (`recto build`, `render`, `reader`, `preview`): a sources
 * folder loaded with its manifest, one document normalized to its TEI (through the build cache),
 * and a TEI master published through every writer. The commands hold no pipeline of their own:
 * what one of them does to a document or a master, the others do the same way.
 */
export { type LoadedEdition, loadEdition, publicationDate } from './load-edition.ts';
export { type NormalizeDocumentOptions, normalizeDocument } from './normalize-document.ts';
export { checkAssets, checkFormats, sweepTemporaryFiles } from './outputs.ts';
export type { Progress } from './progress.ts';
export { type Published, type PublishOptions, publish } from './publish.ts';
export { type ChangedDocuments, publishChanges } from './publish-changes.ts';
