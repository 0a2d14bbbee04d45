/**
 * Entry of the single executable (scripts/build-sea.mjs): Node 20's SEA runs one CommonJS
 * script (the program, without the bundle's prelude: there is no file to read it from),
 * where process.argv is [executable, executable, ...arguments].
 */
import { main } from './main.ts';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
