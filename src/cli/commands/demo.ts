/**
 * demo: the whole job on the embedded sandbox — start it, apply an example mission into a
 * temp root, read the group back and show that the agent config matches it.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../sandbox/server.ts';
import { AGENT_CONFIG_PATH } from '../../render/render-files.ts';
import { underRoot } from '../../apply/host-paths.ts';
import { InternalError } from '../../errors.ts';
import type { GlobalArgs, Io } from '../io.ts';
import { groundStationFor } from '../runtime.ts';
import { applyMission } from './apply.ts';

const DEFAULT_MISSION = fileURLToPath(new URL('../../../examples/missions/wideband-downlink.yaml', import.meta.url));

export async function runDemo(args: GlobalArgs & { mission?: string; host?: string }, io: Io): Promise<number> {
  const sandbox = await startSandbox({ profile: args.host });
  try {
    const root = args.root !== '/' ? args.root : await mkdtemp(join(tmpdir(), 'gs-agent-config-demo-'));
    const sandboxIo: Io = { ...io, env: { ...sandbox.env } };
    const mission = args.mission ?? DEFAULT_MISSION;
    const say = (t: string) => !args.json && !args.quiet && io.out(t);
    say(`sandbox: ${sandbox.host.profile} ${sandbox.host.instanceId} on ${sandbox.url}`);
    say(`applying ${mission} into ${root}`);
    const { report } = await applyMission({ ...args, mission, root, sysRoot: sandbox.sysRoot, restartAgent: false }, sandboxIo);
    const again = await applyMission({ ...args, mission, root, sysRoot: sandbox.sysRoot, restartAgent: false }, sandboxIo);
    const group = await groundStationFor(sandbox.host.region, sandboxIo).getGroup(report.dataflowEndpointGroupId);
    const config = JSON.parse(await readFile(underRoot(root, AGENT_CONFIG_PATH), 'utf8'));
    const matches = config.capabilities.length === 1 && config.capabilities[0] === group.arn &&
      group.endpoints.every((e) => config.device.publicIps.includes(e.agent.ip));
    if (!matches) throw new InternalError('demo: the agent config does not match the group read back from the sandbox');
    if (args.json) {
      io.out(JSON.stringify({ root, apply: report, rerun: { action: again.report.action, changedFiles: again.report.files.filter((f) => f.changed).length }, groupReadBack: group }));
      return 0;
    }
    say(`created group ${group.arn}`);
    for (const e of group.endpoints) say(`  ${e.name}: ${e.direction}, agent ${e.agent.ip}:${e.agent.ports.min}-${e.agent.ports.max} → ${e.address.host}:${e.address.port}`);
    for (const f of report.files) say(`  wrote ${f.written}`);
    say(`agent config capabilities = [${config.capabilities[0]}], publicIps = ${JSON.stringify(config.device.publicIps)}, agentCpuCores = ${config.device.agentCpuCores.length} vCPUs`);
    say(`re-run: group ${again.report.action}, ${again.report.files.filter((f) => f.changed).length} files changed (idempotent)`);
    say(`GetDataflowEndpointGroup read back: the agent config matches the group. Files are in ${root}`);
    return 0;
  } finally {
    await sandbox.close();
  }
}
