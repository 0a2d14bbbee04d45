/** The CLI from the TypeScript sources, whatever is in dist/ (run with node --import tsx). */
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
