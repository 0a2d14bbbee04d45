#!/usr/bin/env node
/**
 * npm run build: one file, dist/gs-agent-config.cjs, with esbuild. Every dependency is inside;
 * templates (precompiled), schemas (as ajv standalone validators) and the demo's example
 * mission are embedded. It starts with a shebang and runs with plain `node` from anywhere.
 *
 * Layout, for start-up time (npm run bench): a small prelude (src/cli/bundle-entry.ts), then
 * the program as line comments, which node skips at start-up and the prelude compiles on
 * first use; `--help` is answered by the prelude from what the program's parser printed here.
 *
 *   node scripts/build.mjs [--outfile F] [--metafile F] [--no-minify]
 *
 * Also importable: build(), and buildProgram() (the program alone, for scripts/build-sea.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileFunction } from 'node:vm';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { BUNDLE } from '../bin/bundle-freshness.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
/** dist/gs-agent-config.cjs, where bin/gs-agent-config looks for it. */
export const DEFAULT_OUTFILE = BUNDLE;
/** Files the code reads through readAsset(relPath); paths relative to the package root. */
const EMBEDDED_DIRS = ['templates'];
const EMBEDDED_FILES = ['examples/missions/wideband-downlink.yaml'];

const src = (...p) => join(ROOT, 'src', ...p);
/** Shared with the bundle's prelude: how the program sits in the file. */
const { PROGRAM_MARKER, PROGRAM_PARAMS } = await tsImport(src('cli', 'bundle-layout.ts'), import.meta.url);

/** An esbuild plugin that replaces one source module with generated code. */
function replaceModule(name, path, generate) {
  return {
    name,
    setup(build) {
      const base = path.split(/[\\/]/).pop().replace(/\./g, '\\.');
      build.onLoad({ filter: new RegExp(`[\\\\/]${base}$`) }, async (args) => {
        if (args.path !== path) return undefined;
        const { contents, watchFiles = [] } = await generate();
        return { loader: 'js', contents, resolveDir: ROOT, watchFiles: [path, ...watchFiles] };
      });
    },
  };
}

function embeddedAssets() {
  const files = [...EMBEDDED_FILES];
  for (const dir of EMBEDDED_DIRS) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) files.push(`${dir}/${name}`);
  }
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
}

/** src/assets.ts: the files as one JSON object. */
const embedAssets = replaceModule('embed-assets', src('assets.ts'), () => {
  const assets = embeddedAssets();
  return {
    contents: [
      `const ASSETS = ${JSON.stringify(assets)};`,
      'export function readAsset(relPath) {',
      '  const text = ASSETS[relPath];',
      '  if (text === undefined) throw new Error(`asset ${relPath} is not embedded in this bundle (scripts/build.mjs)`);',
      '  return text;',
      '}',
    ].join('\n'),
    watchFiles: Object.keys(assets).map((f) => join(ROOT, f)),
  };
});

/**
 * src/facts/ec2/ec2-sdk.ts: each name from its own dist-es module. Through the package index
 * (`export *` of ~600 commands) esbuild keeps every serialiser behind the lazy import (1 MB).
 */
const deepEc2Imports = replaceModule('deep-ec2-imports', src('facts', 'ec2', 'ec2-sdk.ts'), () => {
  const file = src('facts', 'ec2', 'ec2-sdk.ts');
  const distEs = join(ROOT, 'node_modules', '@aws-sdk', 'client-ec2', 'dist-es');
  const list = /export\s*{([^}]*)}\s*from\s*'@aws-sdk\/client-ec2'/.exec(readFileSync(file, 'utf8'));
  if (!list) throw new Error(`${file}: expected one export { ... } from '@aws-sdk/client-ec2'`);
  const lines = list[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => {
      const module = name.endsWith('Command') ? join(distEs, 'commands', `${name}.js`) : join(distEs, `${name}.js`);
      if (!existsSync(module)) throw new Error(`${file}: ${name} is not a module of client-ec2 (${module})`);
      return `export { ${name} } from ${JSON.stringify(module)};`;
    });
  return { contents: lines.join('\n') };
});

/** src/validators.ts: every schema of src/schema-catalog.ts compiled now, as ajv standalone code. */
const standaloneValidators = replaceModule('standalone-validators', src('validators.ts'), async () => {
  const { Ajv } = require('ajv');
  const standaloneCode = require('ajv/dist/standalone').default;
  const { SCHEMA_CATALOG } = await tsImport(src('schema-catalog.ts'), import.meta.url);
  const parts = Object.entries(SCHEMA_CATALOG).map(([name, { schema, options }]) => {
    const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
    // Each standalone module is wrapped in a function so names cannot collide.
    const code = standaloneCode(ajv, ajv.compile(schema))
      .replace(/^"use strict";/, '')
      .replace(/export const validate = (\w+);export default \1;/, 'const validate = $1;');
    if (/\bexport\b/.test(code.slice(0, 200))) throw new Error(`ajv standalone output for ${name} changed shape; update scripts/build.mjs`);
    return `  ${JSON.stringify(name)}: (() => { ${code}\n  return validate; })(),`;
  });
  return {
    contents: [
      'const VALIDATORS = {',
      ...parts,
      '};',
      'export function validator(name) {',
      '  const v = VALIDATORS[name];',
      '  if (!v) throw new Error(`no validator ${name} in this bundle (scripts/build.mjs)`);',
      '  return v;',
      '}',
    ].join('\n'),
    watchFiles: [src('schema-catalog.ts'), ...readdirSync(join(ROOT, 'schemas')).map((f) => join(ROOT, 'schemas', f))],
  };
});

/** src/render/template-loader.ts: the templates precompiled, on the Handlebars runtime only. */
const precompiledTemplates = replaceModule('precompiled-templates', src('render', 'template-loader.ts'), async () => {
  const Handlebars = require('handlebars');
  const { TEMPLATE_OPTIONS } = await tsImport(src('render', 'template-options.ts'), import.meta.url);
  const names = readdirSync(join(ROOT, 'templates'))
    .filter((f) => f.endsWith('.hbs'))
    .sort();
  const specs = names.map(
    (f) =>
      `  ${JSON.stringify(f.slice(0, -4))}: ${Handlebars.precompile(readFileSync(join(ROOT, 'templates', f), 'utf8'), TEMPLATE_OPTIONS)},`,
  );
  return {
    contents: [
      "import Handlebars from 'handlebars/runtime';",
      'export const hb = Handlebars.create();',
      'const SPECS = {',
      ...specs,
      '};',
      'export function loadTemplate(name) {',
      '  if (!Object.hasOwn(SPECS, name)) throw new Error(`template ${name} is not in this bundle (scripts/build.mjs)`);',
      '  return hb.template(SPECS[name]);',
      '}',
    ].join('\n'),
    watchFiles: names.map((f) => join(ROOT, 'templates', f)),
  };
});

/**
 * src/cli/self-command.ts: the bundle and the single executable are installed as
 * `gs-agent-config` on the PATH and carry no examples directory; run by a checkout's
 * bin/gs-agent-config (the bundle `npm ci` built, dist/ next to bin/), the checkout's paths,
 * as the sources say them (test/system/demo-next-steps.test.ts).
 */
const installedSelfCommand = replaceModule('installed-self-command', src('cli', 'self-command.ts'), () => ({
  contents: [
    "import { dirname, isAbsolute, join, relative, resolve } from 'node:path';",
    "import { shellQuote } from './src/shell-quote.ts';",
    'function checkoutRoot() {',
    '  const root = dirname(dirname(__filename));',
    "  return process.argv[1] !== undefined && resolve(process.argv[1]) === join(root, 'bin', 'gs-agent-config') ? root : undefined;",
    '}',
    'function pathFrom(cwd, path) {',
    '  const rel = relative(cwd, path);',
    "  if (rel.startsWith('..') || isAbsolute(rel)) return shellQuote(path);",
    "  return shellQuote(rel.includes('/') ? rel : `./${rel}`);",
    '}',
    'export function selfCommand(cwd) {',
    '  const root = checkoutRoot();',
    "  return root === undefined ? 'gs-agent-config' : pathFrom(cwd, join(root, 'bin', 'gs-agent-config'));",
    '}',
    'export function exampleMissionFile(cwd) {',
    '  const root = checkoutRoot();',
    "  return root === undefined ? undefined : pathFrom(cwd, join(root, 'examples', 'missions', 'uplink-and-downlink.yaml'));",
    '}',
  ].join('\n'),
}));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.10',
  format: 'cjs',
  legalComments: 'none',
  // The AWS SDK ships ES modules (dist-es) next to CommonJS; ES modules tree-shake.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  write: false,
};

/** The program (src/cli/main.ts or another entry) as CommonJS code exporting main. */
export async function buildProgram({ entry = src('cli', 'main.ts'), minify = true, metafile = false } = {}) {
  const result = await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile: 'program.cjs',
    minify,
    metafile,
    plugins: [embedAssets, deepEc2Imports, standaloneValidators, precompiledTemplates, installedSelfCommand],
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

/** Runs the built program's main in memory on each argv, recording what it printed. */
async function recordAnswers(programCode, argvs) {
  const mod = { exports: {} };
  compileFunction(programCode, [...PROGRAM_PARAMS])(mod.exports, require, mod, DEFAULT_OUTFILE, dirname(DEFAULT_OUTFILE));
  const answers = {};
  for (const argv of argvs) {
    const writes = [];
    const io = {
      out: (text) => writes.push({ stream: 'out', text }),
      err: (text) => writes.push({ stream: 'err', text }),
      env: {},
      isTTY: false,
      cwd: ROOT,
    };
    const code = await mod.exports.main(argv, io);
    if (code !== 0) throw new Error(`gs-agent-config ${argv.join(' ')} exited ${code} at build time: ${JSON.stringify(writes)}`);
    answers[argv.join('\0')] = { code, writes };
  }
  return answers;
}

/** `--help` and `<command> --help` for every command of the command table. */
async function fastPaths(programCode) {
  const { COMMANDS } = await tsImport(src('cli', 'command-table.ts'), import.meta.url);
  return recordAnswers(programCode, [['--help'], ...COMMANDS.map((c) => [c.name, '--help'])]);
}

/** The program as `//` lines: no line may end the comment early. */
function asLineComments(code) {
  const bad = /[\r\u2028\u2029]/.exec(code);
  if (bad)
    throw new Error(`the program contains a line terminator (U+${bad[0].codePointAt(0).toString(16)}) that would end a line comment early`);
  return code
    .split('\n')
    .map((line) => `//${line}`)
    .join('\n');
}

export async function build({ outfile = DEFAULT_OUTFILE, minify = true, metafile } = {}) {
  const program = await buildProgram({ minify, metafile: Boolean(metafile) });
  const answers = await fastPaths(program.code);
  const prelude = await esbuild.build({
    ...common,
    entryPoints: [src('cli', 'bundle-entry.ts')],
    outfile: 'prelude.cjs',
    minify,
    banner: { js: '#!/usr/bin/env node\n// gs-agent-config: single-file bundle (npm run build). Needs only node >= 20.10.' },
    plugins: [
      replaceModule('build-info', src('cli', 'build-info.ts'), () => ({
        contents: `export const FAST_PATHS = ${JSON.stringify(answers)};\nexport const PROGRAM_SHA256 = ${JSON.stringify(createHash('sha256').update(program.code).digest('hex'))};`,
      })),
    ],
  });
  const preludeCode = prelude.outputFiles[0].text.replace(/\n+$/, '');
  if (preludeCode.includes(PROGRAM_MARKER))
    throw new Error('the prelude contains the program marker literally: bundle-layout.ts must assemble it at run time');
  const text = `${preludeCode}${PROGRAM_MARKER}${asLineComments(program.code)}\n`;
  if (!text.startsWith('#!/usr/bin/env node\n')) throw new Error('the bundle must start with its shebang');
  await mkdir(dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o755 });
    await chmod(tmp, 0o755);
    await rename(tmp, outfile);
  } finally {
    await rm(tmp, { force: true });
  }
  if (metafile) await writeFile(metafile, JSON.stringify(program.metafile));
  return { outfile, bytes: Buffer.byteLength(text), fastPaths: Object.keys(answers).length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { outfile: { type: 'string' }, metafile: { type: 'string' }, 'no-minify': { type: 'boolean', default: false } },
  });
  const r = await build({ outfile: values.outfile, metafile: values.metafile, minify: !values['no-minify'] });
  process.stdout.write(
    `built ${relative(process.cwd(), r.outfile) || r.outfile} (${(r.bytes / 1024).toFixed(0)} KiB; ${r.fastPaths} help texts answered without compiling the program)\n`,
  );
}
