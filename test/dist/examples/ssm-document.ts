/**
 * An SSM Command document as the document tests read and run it (ssm.test.ts for the apply
 * document, ssm-upgrade.test.ts for the upgrade one): its shape, SSM's parameter check and
 * paste, the rendered script run under sh, and the command lines it builds read by the real parser.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { readCommandLine } from '../../../src/cli/read-command-line.ts';

export interface Parameter {
  type: string;
  default: string;
  allowedPattern?: string;
  allowedValues?: string[];
}
export interface SsmDocument {
  schemaVersion: string;
  parameters: Record<string, Parameter>;
  mainSteps: Array<{ action: string; inputs: { runCommand: string[]; timeoutSeconds: string } }>;
}

export async function readSsmDocument(file: string): Promise<SsmDocument> {
  return JSON.parse(await readFile(file, 'utf8')) as SsmDocument;
}

/** The one step's script, as SSM joins its lines. */
export const documentScript = (doc: SsmDocument): string => doc.mainSteps[0].inputs.runCommand.join('\n');

/** Whether SSM takes `value` for `p` (its allowedValues, else its allowedPattern). */
export function accepts(p: Parameter, value: string): boolean {
  if (p.allowedValues) return p.allowedValues.includes(value);
  return new RegExp(p.allowedPattern!).test(value);
}

/** What SSM does: refuse values outside allowedPattern/allowedValues, paste the rest in. */
export function renderDocument(doc: SsmDocument, values: Record<string, string>): string {
  return documentScript(doc).replace(/\{\{ *(\w+) *\}\}/g, (_, name: string) => {
    const p = doc.parameters[name];
    const value = values[name] ?? p.default;
    assert.ok(accepts(p, value), `SSM would refuse ${name}=${JSON.stringify(value)}`);
    return value;
  });
}

/** Runs a script file with sh (dash here: POSIX only) in exactly `env`. */
export function runScript(file: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c ?? -1, stdout, stderr }));
  });
}

/** The arguments a command line gives its command, checked as main() checks them (a UsageError otherwise). */
export async function parsedArgs(argv: string[]): Promise<Record<string, unknown>> {
  const read = await readCommandLine(argv);
  if (!('args' in read)) throw new Error(`${argv.join(' ')} printed help or version`);
  return read.args;
}
