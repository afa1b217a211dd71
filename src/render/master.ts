import type { TeiElement } from '../tei/node.ts';
import { readTei } from '../tei/read.ts';

/** Reads a TEI master from disk the first time a renderer asks, and hands the same tree to the others. */
export function masterReader(path: string): () => Promise<TeiElement> {
  let read: Promise<TeiElement> | undefined;
  return () => {
    read ??= readTei(path);
    return read;
  };
}
