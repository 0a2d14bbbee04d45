/** sandbox: serve the stand-ins until SIGINT/SIGTERM, after printing the export lines. */
import { startSandbox } from '../../sandbox/server.ts';
import type { GlobalArgs, Io } from '../io.ts';

export interface SandboxArgs extends GlobalArgs { port?: number; host?: string; instanceType?: string }

/** Shell-safe: values are ours (URLs, paths from mkdtemp, fixed dummy keys), quoted anyway. */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env).map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n');
}

export async function runSandbox(args: SandboxArgs, io: Io, stop: Promise<unknown> = waitForSignal()): Promise<number> {
  const sandbox = await startSandbox({ port: args.port, profile: args.host ?? args.instanceType });
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
