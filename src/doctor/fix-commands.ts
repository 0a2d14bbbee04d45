/**
 * The command lines doctor's fixes print for pasting, built by the one quoting function
 * (src/shell-quote.ts) from ids checked against their patterns (src/facts/resource-ids.ts): an
 * id EC2 answered that is not one is named, quoted, and the fix says to check it by hand. Pure.
 */
import type { SubnetRouteFacts } from '../facts/types.ts';
import { isId, notAnId } from '../facts/resource-ids.ts';
import { commandLine, placeholder, type Word } from '../shell-quote.ts';
import type { DoctorInput } from './types.ts';

const MOVE_EIP = '(or move the Elastic IP to an ENI in a public subnet)';

/** `gs-agent-config apply MISSION [EXTRA]`: the CLI's (the run's --root … repeated), else a plain one. */
export function applyFix(input: DoctorInput, extra: readonly Word[] = []): string {
  if (input.applyCommand) return input.applyCommand(extra);
  return commandLine(['gs-agent-config', 'apply', input.mission ? input.mission.file : placeholder('<mission>'), ...extra]);
}

/** The route to the internet gateway the Elastic IP's subnet lacks (create-route, or replace-route over another target). */
export function routeFix(r: SubnetRouteFacts): string {
  const byHand = (what: string) =>
    `${what}: check the route table of the Elastic IP's subnet by hand (VPC console) and route 0.0.0.0/0 to the VPC's internet gateway ${MOVE_EIP}`;
  if (!isId('routeTableId', r.routeTableId)) return byHand(`EC2 named the route table ${notAnId('routeTableId', r.routeTableId)}`);
  if (r.internetGateway !== undefined && !isId('internetGatewayId', r.internetGateway))
    return byHand(`EC2 named the VPC's internet gateway ${notAnId('internetGatewayId', r.internetGateway)}`);
  const words: Word[] = [
    'aws',
    'ec2',
    r.defaultTarget ? 'replace-route' : 'create-route',
    '--route-table-id',
    r.routeTableId,
    '--destination-cidr-block',
    '0.0.0.0/0',
    '--gateway-id',
    r.internetGateway ?? placeholder("<the VPC's internet gateway id>"),
  ];
  return `${commandLine(words)} ${MOVE_EIP}`;
}

/** Outbound TCP 443 to anywhere on `groupId` (the agent reaches the service and its S3 bucket). */
export function egressFix(groupId: string): string {
  if (!isId('securityGroupId', groupId))
    return `EC2 named the security group ${notAnId('securityGroupId', groupId)}: check the Elastic IP's interface by hand (EC2 console) and allow outbound TCP 443 to 0.0.0.0/0 on its security group`;
  return commandLine([
    'aws',
    'ec2',
    'authorize-security-group-egress',
    '--group-id',
    groupId,
    '--ip-permissions',
    'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0,Description="Ground Station service and agent S3 bucket"}]',
  ]);
}
