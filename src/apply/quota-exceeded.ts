/**
 * A create refused with ServiceQuotaExceededException: the region's dataflow endpoint group
 * quota (Service Quotas: groundstation L-D6A1915B, 100 per region by default, adjustable; "AWS
 * Ground Station endpoints and quotas", https://docs.aws.amazon.com/general/latest/gr/gs.html)
 * is reached. One line naming the quota, how many groups the region holds, how many of them this
 * tool manages, and the orphans among those (EC2 says their instance is gone); exit 4 as before.
 * Counted only after the refusal: the no-change path makes no extra call.
 */
import type { GroundStationPort } from '../aws/groundstation.ts';
import { AwsCallError, GsAgentConfigError } from '../errors.ts';
import type { InstanceVerdict } from '../facts/ec2/ec2-instances.ts';
import { commandLine } from '../shell-quote.ts';
import { listToolGroups, selectOrphans } from './orphans.ts';

export const GROUP_QUOTA_CODE = 'L-D6A1915B';
export const QUOTA_EXCEEDED = 'ServiceQuotaExceededException';

export const isQuotaExceeded = (err: unknown): err is AwsCallError => err instanceof AwsCallError && err.code === QUOTA_EXCEEDED;

const reasonOf = (err: unknown) => {
  if (err instanceof GsAgentConfigError) return err.message;
  throw err;
};

export async function quotaExceededError(
  err: AwsCallError,
  gs: GroundStationPort,
  region: string,
  ownInstanceId: string,
  instanceStates?: (ids: string[]) => Promise<Map<string, InstanceVerdict>>,
): Promise<AwsCallError> {
  const counted = async <T>(f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> => {
    try {
      return { ok: true, value: await f() };
    } catch (e) {
      return { ok: false, reason: reasonOf(e) };
    }
  };
  const [all, tool, orphans] = await Promise.all([
    counted(() => gs.listGroups()),
    counted(() => listToolGroups(gs)),
    instanceStates
      ? counted(() => selectOrphans(gs, instanceStates, ownInstanceId))
      : Promise.resolve({ ok: false as const, reason: 'EC2 not asked' }),
  ]);
  const total = all.ok ? `${all.value.length} groups in ${region}` : `the groups in ${region} not counted (${all.reason})`;
  const mine = tool.ok ? `${tool.value.length} of them made by this tool` : `this tool's not counted (${tool.reason})`;
  const lost = orphans.ok
    ? orphans.value.orphans.length
      ? `orphans among them (instance gone): ${orphans.value.orphans.map((g) => g.id).join(', ')}`
      : 'no orphans among them'
    : `orphans not judged (${orphans.reason})`;
  return new AwsCallError(
    QUOTA_EXCEEDED,
    `CreateDataflowEndpointGroupV2 was refused: the dataflow endpoint group quota of ${region} is reached (Service Quotas groundstation ${GROUP_QUOTA_CODE}, 100 per region by default): ${total}, ${mine}, ${lost}`,
    [
      `delete the orphans: ${commandLine(['gs-agent-config', 'destroy', '--orphans'])}`,
      `or ask for more: ${commandLine(['aws', 'service-quotas', 'request-service-quota-increase', '--service-code', 'groundstation', '--quota-code', GROUP_QUOTA_CODE, '--desired-value', '<N>'])}`,
    ],
    { cause: err, ...(err.requestId !== undefined && { requestId: err.requestId }) },
  );
}
