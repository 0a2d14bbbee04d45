/**
 * What to do about each health reason Ground Station reports for a dataflow endpoint group
 * (CapabilityHealthReason), as AWS documents it: "Troubleshoot DataflowEndpointGroups not in a
 * HEALTHY state" (https://docs.aws.amazon.com/ground-station/latest/ug/troubleshooting-dfeg.html)
 * and "Use service-linked roles for Ground Station" (…/ug/using-service-linked-roles.html).
 * INITIALIZING_DATAPLANE and DATAPLANE_FAILURE have no documented remedy: the advice says so and
 * what to collect for AWS support. A reason the model does not list is shown as unknown, as sent
 * (escaped where it is printed). INVALID_IP_OWNERSHIP has its own advice (ip-ownership.ts). Pure.
 */
import { INVALID_IP } from './ip-ownership.ts';

export const DFEG_TROUBLESHOOTING = 'https://docs.aws.amazon.com/ground-station/latest/ug/troubleshooting-dfeg.html';
export const SLR_NAME = 'AWSServiceRoleForGroundStationDataflowEndpointGroup';

const SUPPORT_BUNDLE =
  "collect for AWS support: the agent's logs under /var/log/aws/groundstation, `journalctl -u aws-groundstation-agent`, the group id and the times the reason was seen";

/** Every reason of the model besides HEALTHY, with its advice. */
export const HEALTH_ADVICE: Readonly<Record<string, string>> = {
  NO_REGISTERED_AGENT:
    "no agent has registered for the group (AWS: start the EC2 instance; the agent registers at start with a valid config): check that the instance and the agent are running (gs-agent-config doctor: agent-running), that the agent config names this group (gs-agent-config status: files), that outbound TCP 443 is open (doctor: sg-outbound-443), and that the instance role has AWS's managed policy AWSGroundStationAgentInstancePolicy",
  UNVERIFIED_IP_OWNERSHIP:
    'Ground Station has not validated the Elastic IP yet (AWS: validation occurs periodically, this resolves itself): wait and check again (gs-agent-config status --wait 600)',
  NOT_AUTHORIZED_TO_CREATE_SLR: `the caller that created the group could not create the service-linked role ${SLR_NAME} (AWS: it lacks iam:CreateServiceLinkedRole): grant it (gs-agent-config iam-policy includes it, restricted to groundstation.amazonaws.com), or have an administrator create the role (aws iam create-service-linked-role --aws-service-name groundstation.amazonaws.com), then replace the group (gs-agent-config destroy, then apply)`,
  INITIALIZING_DATAPLANE: `AWS documents no remedy for this reason; it is usually transient while Ground Station sets up the data plane: wait and check again (gs-agent-config status --wait 900); if it stays, ${SUPPORT_BUNDLE}`,
  DATAPLANE_FAILURE: `AWS documents no remedy for this reason: check that the agent is running (gs-agent-config doctor: agent-running) and read its logs; if it stays, ${SUPPORT_BUNDLE}`,
};

/** The reasons of the model (CapabilityHealthReason). */
export const KNOWN_REASONS: ReadonlySet<string> = new Set([...Object.keys(HEALTH_ADVICE), INVALID_IP, 'HEALTHY']);

/** One problem line per distinct reason that has advice here (INVALID_IP_OWNERSHIP and HEALTHY have none here). */
export function healthReasonProblems(reasons: readonly string[]): string[] {
  const out: string[] = [];
  for (const r of new Set(reasons)) {
    if (r === INVALID_IP || r === 'HEALTHY') continue;
    const advice = Object.hasOwn(HEALTH_ADVICE, r) ? HEALTH_ADVICE[r] : undefined;
    out.push(
      advice !== undefined
        ? `${r}: ${advice}`
        : `unknown health reason ${JSON.stringify(r.slice(0, 80))} (not one AWS documents): see ${DFEG_TROUBLESHOOTING}; if it stays, ${SUPPORT_BUNDLE}`,
    );
  }
  return out;
}
