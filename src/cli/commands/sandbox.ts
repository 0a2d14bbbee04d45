/** sandbox: serve the stand-ins until SIGINT/SIGTERM, after printing the export lines. */
import { FAULT_SYNTAX, parseFaultSpec, type FaultRule } from '../../sandbox/faults.ts';
import { UsageError } from '../../errors.ts';
import type { GlobalArgs, Io } from '../io.ts';
import { startSandboxFor } from '../sandbox-start.ts';

export interface SandboxArgs extends GlobalArgs { port?: number; host?: string; instanceType?: string; fault?: string[] }

/** Shell-safe: values are ours (URLs, paths from mkdtemp, fixed dummy keys), quoted anyway. */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n');
}

export async function runSandbox(args: SandboxArgs, io: Io, stop: Promise<unknown> = waitForSignal()): Promise<number> {
  const faults = (args.fault ?? []).map((spec): FaultRule => {
    const rule = parseFaultSpec(spec);
    if (!rule) throw new UsageError(`--fault ${JSON.stringify(spec)} is not a fault spec`, [`expected ${FAULT_SYNTAX}`]);
    return rule;
  });
  const sandbox = await startSandboxFor({ port: args.port, profile: args.host ?? args.instanceType }, args.host !== undefined ? '--host' : '--instance-type');
  faults.forEach((f) => sandbox.injectFault(f));
  try {
    if (args.json) io.out(JSON.stringify({ url: sandbox.url, profile: sandbox.host.profile, env: sandbox.env }));
    else {
      io.out(`# gs-agent-config sandbox: ${sandbox.host.profile} (${sandbox.host.instanceType}, ${sandbox.host.instanceId}) on ${sandbox.url}`);
      io.out('# dummy credentials, valid only here. Paste these lines into another shell, then run the tool or any AWS client.');
      io.out(exportLines(sandbox.env));
      io.out('# serving until Ctrl-C');
    }
    await stop;
  } finally {
    await sandbox.close();
  }
  return 0;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (sig: string) => resolve(sig);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
