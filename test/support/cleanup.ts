import { afterAll } from 'vitest';
import { removeTempDirs } from './run.ts';

// Each test file's temporary folders go when the file is done (see removeTempDirs).
afterAll(removeTempDirs);
