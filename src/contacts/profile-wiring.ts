/**
 * Mission-profile wiring: each mission `profiles:` entry that names its mission profile is read
 * (GetMissionProfile, then GetConfig for every dataflow-endpoint config in its dataflowEdges),
 * and every config whose dataflowEndpointName is not an endpoint of this host's group, or whose
 * region is not the group's, is reported. A typo there is otherwise found only when a contact fails.
 */
import type { ContactsPort } from '../aws/contacts.ts';
import { isNotFound } from '../aws/map-aws-error.ts';
import { isToolError } from '../errors.ts';

export interface WiringProfile {
  name: string;
  missionProfile?: string;
}

export interface WiringReport {
  /** One line per mismatch: the exact config and the expected endpoint names. */
  problems: string[];
  /** Profiles that could not be checked, and why. */
  notes: string[];
  /** Profiles whose wiring is unknown because a read failed (GetMissionProfile, GetConfig), and why: not a problem found, not ok either. */
  unknown: string[];
}

const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
const MP_ARN = /^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:mission-profile\/([a-f0-9-]{36})$/;
const CONFIG_ARN = /^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:config\/([a-z0-9-]+)\/([a-f0-9-]{36})(\/.*)?$/;

/** The mission profile id of a mission `missionProfile:` value, or undefined for a name. */
export function missionProfileId(ref: string): string | undefined {
  if (UUID.test(ref)) return ref;
  return MP_ARN.exec(ref)?.[1];
}

/** The dataflow-endpoint configs of a mission profile's edges, as [type, id, arn]. */
export function dataflowEndpointConfigs(edges: string[][]): Array<{ type: string; id: string; arn: string }> {
  const out = new Map<string, { type: string; id: string; arn: string }>();
  for (const arn of edges.flat()) {
    const m = CONFIG_ARN.exec(arn);
    if (m && m[1] === 'dataflow-endpoint') out.set(arn, { type: m[1], id: m[2], arn });
  }
  return [...out.values()];
}

/** A failed read of a profile's wiring: `unknown` with the reason, never a failed status; a bug is still thrown. */
function unknownWiring(profile: string, err: unknown): string {
  if (!isToolError(err)) throw err;
  return `profile ${profile}: ${err.message.split('\n')[0]}`;
}

export async function checkWiring(
  port: ContactsPort,
  profiles: WiringProfile[],
  endpointNames: string[],
  region: string,
): Promise<WiringReport> {
  const report: WiringReport = { problems: [], notes: [], unknown: [] };
  for (const p of profiles) {
    if (p.missionProfile === undefined) continue;
    try {
      await checkProfile(port, p as Required<WiringProfile>, endpointNames, region, report);
    } catch (err) {
      report.unknown.push(unknownWiring(p.name, err));
    }
  }
  return report;
}

/** One mission profile's wiring into `report`; a read that fails is thrown to the caller. */
async function checkProfile(
  port: ContactsPort,
  p: Required<WiringProfile>,
  endpointNames: string[],
  region: string,
  { problems, notes }: WiringReport,
): Promise<void> {
  const id = missionProfileId(p.missionProfile);
  if (!id) {
    notes.push(`profile ${p.name}: mission profile "${p.missionProfile}" is a name; give its ARN or id to have its wiring checked`);
    return;
  }
  const mp = await port.getMissionProfile(id).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (!mp) {
    problems.push(`profile ${p.name}: mission profile ${p.missionProfile} does not exist in ${region}`);
    return;
  }
  const configs = dataflowEndpointConfigs(mp.dataflowEdges);
  if (configs.length === 0)
    problems.push(
      `profile ${p.name}: mission profile ${mp.name} (${mp.arn}) has no dataflow endpoint config in its dataflowEdges; expected ones naming ${endpointNames.join(', ')}`,
    );
  for (const c of configs) {
    const config = await port.getConfig(c.type, c.id);
    const dfe = config.dataflowEndpoint;
    const where = `profile ${p.name}: mission profile ${mp.name}: dataflow endpoint config ${config.name} (${config.arn})`;
    if (!dfe || !endpointNames.includes(dfe.name)) {
      problems.push(
        `${where} names "${dfe?.name ?? ''}", not an endpoint of this host's group; expected one of: ${endpointNames.join(', ')}`,
      );
    }
    const cfgRegion = dfe?.region ?? mp.region;
    if (cfgRegion !== undefined && cfgRegion !== region)
      problems.push(`${where} is in region ${cfgRegion}, the group is in ${region}; set dataflowEndpointRegion to ${region}`);
  }
}
