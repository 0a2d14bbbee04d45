/** sandbox: serve the stand-ins until SIGINT/SIGTERM or its parent process is gone, after printing the export lines. */
import type { Runtime } from '../runtime.ts';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { shellQuote } from '../../shell-quote.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestLogEntry } from '../../../sandbox/server.ts';
import { FAULT_SYNTAX, parseFaultSpec, type FaultRule } from '../../../sandbox/faults.ts';
import { display } from '../../display.ts';
import { singleQuote } from '../../shell-quote.ts';
import { UsageError } from '../../errors.ts';
import { BREAKABLE_CHECKS } from '../../../sandbox/host-breaks.ts';
import { SYS_VARIANTS } from '../../../sandbox/sys-variants.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';
import { checkHostProfile, startSandboxFor } from '../sandbox-start.ts';
import type { AgentStep } from '../../../sandbox/agent-steps.ts';

export interface SandboxArgs extends GlobalArgs {
  port?: number;
  host?: string;
  instanceType?: string;
  fault?: string[];
  break?: string[];
  sys?: string[];
  agentHealthy?: boolean;
  agentVersion?: string;
  failAgentStep?: AgentStep;
  verbose?: boolean;
  fleet?: number;
  timeScale?: number;
  freshAccount?: boolean;
  noSlrPermission?: boolean;
  groupQuota?: number;
  healthReason?: string;
}

/** Shell-safe: values are ours (URLs, paths from mkdtemp, fixed dummy keys), quoted anyway (always, as the README shows them). */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${singleQuote(v)}`)
    .join('\n');
}

/** `12:00:01.234 groundstation:GetDataflowEndpointGroup GET /dataflowEndpointGroup/… → 200 (fault 503:…)` */
export function formatRequest(e: RequestLogEntry, now = new Date()): string {
  const fault = e.fault ? ` (fault ${e.fault})` : '';
  return `${now.toISOString().slice(11, 23)} ${e.action ?? '(no service)'} ${e.method} ${e.path} → ${e.outcome}${fault}`;
}

/**
 * The /sys tree (thousands of small files) is removed by a detached `rm -rf` after the server
 * closed, so the process ends within a fraction of a second of Ctrl-C on a slow disk too.
 */
function removeInBackground(dir: string): void {
  try {
    spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' })
      .on('error', () => void rm(dir, { recursive: true, force: true }))
      .unref();
  } catch {
    void rm(dir, { recursive: true, force: true });
  }
}

export async function runSandbox(args: SandboxArgs, rt: Runtime, stop: Promise<unknown> = waitForSignal()): Promise<number> {
  const { io } = rt;
  const specs = args.fault ?? [];
  const faults = specs.map((spec): FaultRule => {
    const rule = parseFaultSpec(spec);
    if (!rule) throw new UsageError(`--fault ${JSON.stringify(spec)} is not a fault spec`, [`expected ${FAULT_SYNTAX}`]);
    return rule;
  });
  const breaks = args.break ?? [];
  const unknownBreak = breaks.filter((b) => !(BREAKABLE_CHECKS as readonly string[]).includes(b));
  if (unknownBreak.length)
    throw new UsageError(`--break ${unknownBreak.map((b) => JSON.stringify(b)).join(', ')}: not a doctor check id`, [
      `valid: ${BREAKABLE_CHECKS.join(', ')}`,
    ]);
  const sys = args.sys ?? [];
  const unknownSys = sys.filter((v) => !(SYS_VARIANTS as readonly string[]).includes(v));
  if (unknownSys.length)
    throw new UsageError(`--sys ${unknownSys.map((v) => JSON.stringify(v)).join(', ')}: not a /sys variant`, [
      `valid: ${SYS_VARIANTS.join(', ')}`,
    ]);
  const profile = args.host ?? args.instanceType;
  checkHostProfile(profile, args.host !== undefined ? '--host' : '--instance-type');
  const sysRoot = await mkdtemp(join(tmpdir(), 'gs-agent-config-sys-'));
  // A request's path is whatever a client sent: escaped as it is logged.
  const onRequest = args.verbose ? (e: RequestLogEntry) => io.err(display(formatRequest(e))) : undefined;
  let sandbox;
  try {
    sandbox = await startSandboxFor(
      {
        port: args.port,
        profile,
        sysRoot,
        onRequest,
        breaks,
        sys,
        agentHealthy: args.agentHealthy,
        fleet: args.fleet,
        timeScale: args.timeScale,
        agentVersion: args.agentVersion,
        failAgentStep: args.failAgentStep,
        freshAccount: args.freshAccount,
        noSlrPermission: args.noSlrPermission,
        groupQuota: args.groupQuota,
        healthReason: args.healthReason,
      },
      args.host !== undefined ? '--host' : '--instance-type',
    );
  } catch (err) {
    await rm(sysRoot, { recursive: true, force: true });
    throw err;
  }
  faults.forEach((f) => sandbox.injectFault(f));
  // Every host's exports in a file per host (host 1's are printed as well).
  const members = [sandbox, ...sandbox.fleet];
  const exportsDir = members.length > 1 ? await mkdtemp(join(tmpdir(), 'gs-agent-config-fleet-')) : undefined;
  const exportFiles = exportsDir ? members.map((m, i) => join(exportsDir, `host-${i + 1}.env`)) : [];
  await Promise.all(exportFiles.map((f, i) => writeFile(f, `${exportLines(members[i].env)}\n`, { mode: 0o600 })));
  try {
    if (args.verbose) for (const spec of specs) io.err(`fault armed: ${spec}`);
    if (args.json)
      io.out(
        jsonText({
          url: sandbox.url,
          profile: sandbox.host.profile,
          env: sandbox.env,
          faults: specs,
          ...(exportsDir && { fleet: members.map((m, i) => ({ instanceId: m.host.instanceId, url: m.url, exportsFile: exportFiles[i] })) }),
        }),
      );
    else {
      io.out(
        `# gs-agent-config sandbox: ${sandbox.host.profile} (${sandbox.host.instanceType}, ${sandbox.host.instanceId}) on ${sandbox.url}`,
      );
      io.out('# dummy credentials, valid only here. Paste these lines into another shell, then run the tool or any AWS client.');
      io.out(exportLines(sandbox.env));
      exportFiles.forEach((f, i) => io.out(`# host ${i + 1} (${members[i].host.instanceId}): . ${shellQuote(f)}`));
      io.out(`# serving until Ctrl-C${args.verbose ? '; each request is logged on stderr' : ''}`);
    }
    await stop;
  } finally {
    await sandbox.close();
    removeInBackground(sysRoot);
    if (exportsDir) removeInBackground(exportsDir);
  }
  return 0;
}

/** How often the sandbox checks that the processes that started it are still there. */
const PARENT_POLL_MS = 100;

/** The parent of process `pid` from /proc (Linux), or undefined when it cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A check that says whether the process that started the sandbox is gone: its parent, or
 * under npm (`npx gs-agent-config sandbox`, `npm exec`: npm sets npm_command) npm itself,
 * whose `sh -c` child stays and waits for the sandbox when npm is stopped. A process whose
 * parent dies is re-parented, so a changed ppid is the sign (no pid reuse to fool it).
 */
function parentWatch(): () => boolean {
  const parent = process.ppid;
  const npm = process.env.npm_command !== undefined ? parentOf(parent) : undefined;
  return () => process.ppid !== parent || (npm !== undefined && parentOf(parent) !== npm);
}

/**
 * SIGINT, SIGTERM, or the parent gone (parentWatch): the orphan stops within PARENT_POLL_MS
 * instead of serving on with nobody to stop it.
 */
function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const parentGone = parentWatch();
    const done = (why: string) => {
      clearInterval(poll);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(why);
    };
    const poll = setInterval(() => {
      if (parentGone()) done('parent gone');
    }, PARENT_POLL_MS).unref();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
