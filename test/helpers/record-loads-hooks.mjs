// Loader hooks for record-loads.mjs (they run on the loader thread, which shares process.env).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.GS_RECORD_LOADS) appendFileSync(process.env.GS_RECORD_LOADS, `${result.url}\n`);
  return result;
}
