// Preload (node --import) that records every module URL the ESM loader resolves, one per line,
// in the file named by GS_RECORD_LOADS. Used by test/system/lazy-loading.test.ts.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);
