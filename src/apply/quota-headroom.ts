/**
 * plan before a replace: converge creates the new group before it retires the old one (one
 * host, one group, and never a moment without a group to deliver to), so a replace needs room
 * for one more group under the region's quota (Service Quotas groundstation L-D6A1915B, 100
 * per region by default; the tool has no Service Quotas client, so a raised quota is not read
 * and the warning says "default quota"). One ListDataflowEndpointGroups (pages bounded), made
 * only when the plan is a replace: a keep or a create makes no extra call. Never fatal: plan
 * warns; apply's create refused says the same with exit 4 (quota-exceeded.ts).
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { isToolError } from '../errors.ts';
import { commandLine } from '../shell-quote.ts';
import { GROUP_QUOTA_CODE } from './quota-exceeded.ts';

/** AWS's default quota of dataflow endpoint groups per region ("AWS Ground Station endpoints and quotas"). */
export const DEFAULT_GROUP_QUOTA = 100;

const FIRST = 'a replace creates the new group before deleting the old one';

/** The warning for `groups` groups in the region, or undefined when the default quota leaves room for one more. */
export function headroomWarning(region: string, groups: number, quota = DEFAULT_GROUP_QUOTA): string | undefined {
  if (groups < quota) return undefined;
  const destroy = commandLine(['gs-agent-config', 'destroy', '--orphans']);
  const raise = commandLine([
    'aws',
    'service-quotas',
    'request-service-quota-increase',
    '--service-code',
    'groundstation',
    '--quota-code',
    GROUP_QUOTA_CODE,
    '--desired-value',
    '<N>',
  ]);
  return `${FIRST}; the Region ${region} has ${groups} of ${quota} groups (the default quota, Service Quotas groundstation ${GROUP_QUOTA_CODE}; a raised quota is not read): apply's create would be refused (ServiceQuotaExceededException, exit 4) unless a group is deleted first (orphans: ${destroy}) or the quota raised (${raise})`;
}

/** Counts the region's groups (one bounded listing) and warns when a replace has no room; a listing that fails is said, not fatal. */
export async function replaceHeadroom(gs: GroundStationPort, region: string): Promise<string | undefined> {
  try {
    return headroomWarning(region, (await gs.listGroups()).length);
  } catch (err) {
    if (!isToolError(err)) throw err;
    return `${FIRST}; the groups in ${region} could not be counted (${err.message.split('\n')[0]}): whether the quota (${DEFAULT_GROUP_QUOTA} by default) leaves room for it is not known`;
  }
}
