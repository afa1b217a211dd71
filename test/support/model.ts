import type { ModelEdition } from '../../src/model/edition.ts';
import { TeiMaster } from '../../src/model/master.ts';

/** A TEI file's edition model, as a build hands it to the writers. */
export const modelOf = (file: string): Promise<ModelEdition> => new TeiMaster(file).edition();
