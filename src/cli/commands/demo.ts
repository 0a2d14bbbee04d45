/**
 * demo: the whole job on the embedded sandbox — start it, apply an example mission into a
 * temp root, read the group back and show that the agent config matches it.
 */
import { createRuntime, type Runtime } from '../runtime.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAsset } from '../../assets.ts';
import { AGENT_CONFIG_PATH, underRoot } from '../../host-paths.ts';
import { InternalError, UsageError } from '../../errors.ts';
import type { GlobalArgs } from '../io.ts';
import { groundStationFor } from '../ports.ts';
import { startSandboxFor } from '../sandbox-start.ts';
import { applyMission } from '../../apply/apply-mission.ts';
import { parseAgentConfigText, soleGroupArn } from '../../apply/agent-config-file.ts';
import { applyInputs, applyPorts, writeOptions, type ApplyArgs } from '../apply-wiring.ts';
import { applyReport, type ApplyReport } from '../format-apply.ts';
import { exampleMissionFile, selfCommand } from '../self-command.ts';
import { commandLine } from '../../shell-quote.ts';
import { display } from '../../display.ts';
import { jsonText } from '../json-text.ts';
import { DEFAULT_LOCK_WAIT_SECONDS } from '../conventions.ts';

/** Shipped inside the bundle too (scripts/build.mjs embeds it), so demo runs from an empty directory. */
const DEFAULT_MISSION = 'examples/missions/wideband-downlink.yaml';

/** The default mission, copied to a private temp directory (removed by the caller). */
async function exampleMission(): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gs-agent-config-demo-mission-'));
  const path = join(dir, 'wideband-downlink.yaml');
  await writeFile(path, readAsset(DEFAULT_MISSION), { mode: 0o600 });
  return { path, dir };
}

/** One apply of the demo: the tool's own group only (a mission naming its group is apply's). */
async function applyOnce(args: ApplyArgs, rt: Runtime): Promise<ApplyReport> {
  const inputs = await applyInputs(args, rt, { legacyTuning: true });
  if (inputs.mission.group)
    throw new UsageError(`${args.mission}: group: this command does not take a mission with its own group; use apply`);
  return applyReport(await applyMission(inputs, applyPorts(rt), writeOptions(args), rt.run)) as ApplyReport;
}

/**
 * What to try next, printed last: the commands a new user would run after the demo, as they
 * work pasted into the same shell (the program as selfCommand() says, e.g. bin/gs-agent-config),
 * each built from words by the one quoting function (a checkout path may hold a space).
 */
function nextSteps(root: string, kept: boolean, cwd: string): string[] {
  const self = selfCommand(cwd);
  const example = exampleMissionFile(cwd);
  return [
    'next:',
    kept
      ? `  look at the files: ${commandLine(['ls', '-R', root])}`
      : `  keep the files to look at them: ${commandLine([self, 'demo', '--keep'])}`,
    `  run the stand-ins in another shell and use the tool against them: ${commandLine([self, 'sandbox'])} (README "Rehearse on a laptop")`,
    example
      ? `  check a mission (start your own from examples/missions/): ${commandLine([self, 'validate', example])}, then plan it on the host`
      : `  check your own mission: ${commandLine([self, 'validate', 'my-mission.yaml'])}, then plan it on the host`,
  ];
}

export async function runDemo(args: GlobalArgs & { mission?: string; host?: string; keep?: boolean }, rt: Runtime): Promise<number> {
  const { io } = rt;
  const sandbox = await startSandboxFor({ profile: args.host });
  const example = args.mission === undefined ? await exampleMission() : undefined;
  // A temp root of our own is removed at the end unless --keep; a --root given is the operator's.
  const ownRoot = args.root === '/' ? await mkdtemp(join(tmpdir(), 'gs-agent-config-demo-')) : undefined;
  const root = ownRoot ?? args.root;
  const kept = !ownRoot || args.keep === true;
  try {
    // The same run (deadline, progress) with the sandbox's environment: its own ports.
    const sandboxRt = createRuntime({ ...io, env: { ...sandbox.env } }, rt.run);
    const mission = args.mission ?? example!.path;
    // Escaped: the demo prints what the sandbox answered, like any report.
    const say = (t: string) => !args.json && !args.quiet && io.out(display(t));
    say(`sandbox: ${sandbox.host.profile} ${sandbox.host.instanceId} on ${sandbox.url}`);
    say(`applying ${args.mission ?? `the example mission ${DEFAULT_MISSION}`} into ${root}`);
    const report = await applyOnce(
      { ...args, mission, root, sysRoot: sandbox.sysRoot, restartAgent: false, lockWait: DEFAULT_LOCK_WAIT_SECONDS },
      sandboxRt,
    );
    const again = await applyOnce(
      { ...args, mission, root, sysRoot: sandbox.sysRoot, restartAgent: false, lockWait: DEFAULT_LOCK_WAIT_SECONDS },
      sandboxRt,
    );
    const group = await groundStationFor(sandbox.host.region, sandboxRt).getGroup(report.dataflowEndpointGroupId);
    const config = parseAgentConfigText(await readFile(underRoot(root, AGENT_CONFIG_PATH), 'utf8'));
    const matches =
      config !== undefined && soleGroupArn(config) === group.arn && group.endpoints.every((e) => config.publicIps.includes(e.agent.ip));
    if (!matches) throw new InternalError('demo: the agent config does not match the group read back from the sandbox');
    if (args.json) {
      io.out(
        jsonText({
          root,
          kept,
          apply: report,
          rerun: { action: again.action, changedFiles: again.files.filter((f) => f.changed).length },
          groupReadBack: group,
        }),
      );
      return 0;
    }
    say(`created group ${group.arn}`);
    for (const e of group.endpoints)
      say(
        `  ${e.name}: ${e.direction}, agent ${e.agent.ip}:${e.agent.ports.min}-${e.agent.ports.max} → ${e.address.host}:${e.address.port}`,
      );
    for (const f of report.files) say(`  wrote ${f.written}`);
    say(
      `agent config capabilities = [${group.arn}], publicIps = ${JSON.stringify(config.publicIps)}, agentCpuCores = ${config.agentCpuCores.length} vCPUs`,
    );
    say(`re-run: group ${again.action}, ${again.files.filter((f) => f.changed).length} files changed (idempotent)`);
    say(
      `GetDataflowEndpointGroup read back: the agent config matches the group. ${kept ? `Files are in ${root}` : `Files were in ${root} (removed; --keep keeps them)`}`,
    );
    for (const l of nextSteps(root, kept, io.cwd)) say(l);
    return 0;
  } finally {
    await sandbox.close();
    if (example) await rm(example.dir, { recursive: true, force: true });
    if (ownRoot && !kept) await rm(ownRoot, { recursive: true, force: true });
  }
}
