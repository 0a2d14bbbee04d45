/**
 * The documented patterns of the AWS ids the tool may print inside a fix (a command line for
 * pasting): an id from outside is checked here before it becomes a word of such a command. The
 * EC2 ids the host facts know already are schemas/host-facts.schema.json's (through
 * parse-values.ts); the ones that schema has no use for (route tables, gateways, Ground Station
 * ids and ARNs) are defined here, in one place. An id that fails is never put into a command:
 * the fix names it (notAnId) and says to check it by hand. Pure.
 */
import { shellQuote } from '../shell-quote.ts';
import { describeKind, parseString, type StringKind } from './parse-values.ts';

/** `<prefix>-` and 8 or 17 lower-case hex digits, as EC2 documents its resource ids. */
const ec2Id = (prefix: string) => new RegExp(`^${prefix}-[0-9a-f]{8}([0-9a-f]{9})?$`);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ARN_HEAD = 'arn:aws(-[a-z]+)*:groundstation:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}';

/** Ids the host-facts schema does not define. */
const OWN = {
  routeTableId: { pattern: ec2Id('rtb'), description: 'a route table id (rtb- and 8 or 17 hex digits)' },
  internetGatewayId: { pattern: ec2Id('igw'), description: 'an internet gateway id (igw- and 8 or 17 hex digits)' },
  natGatewayId: { pattern: ec2Id('nat'), description: 'a NAT gateway id (nat- and 8 or 17 hex digits)' },
  uuid: { pattern: new RegExp(`^${UUID}$`), description: 'a Ground Station id (a lower-case UUID)' },
  dataflowEndpointGroupArn: {
    pattern: new RegExp(`^${ARN_HEAD}:dataflow-endpoint-group/${UUID}$`),
    description: 'a dataflow endpoint group ARN',
  },
} as const;

/** The EC2 ids of the host-facts schema a fix may name. */
type SchemaIdKind = Extract<
  StringKind,
  'instanceId' | 'eniId' | 'subnetId' | 'vpcId' | 'securityGroupId' | 'allocationId' | 'associationId' | 'prefixListId' | 'region'
>;

export type IdKind = keyof typeof OWN | SchemaIdKind;

const isOwn = (kind: IdKind): kind is keyof typeof OWN => kind in OWN;

/** Whether `value` is an id of `kind` (a string matching its documented pattern). */
export function isId(kind: IdKind, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isOwn(kind)) return OWN[kind].pattern.test(value);
  try {
    parseString(kind, value);
    return true;
  } catch {
    return false;
  }
}

/** What an id of `kind` looks like, in words (`a route table id (rtb- and 8 or 17 hex digits)`). */
export function describeId(kind: IdKind): string {
  return isOwn(kind) ? OWN[kind].description : describeKind(kind);
}

/** The region of a Ground Station ARN (`arn:aws:groundstation:REGION:…`), or undefined when `arn` is not one. */
export function regionOfArn(arn: string): string | undefined {
  const m = /^arn:aws(?:-[a-z]+)*:groundstation:([a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}):[0-9]{12}:/.exec(arn);
  return m?.[1];
}

/**
 * `'rtb-1$(reboot)' is not a route table id (rtb- and 8 or 17 hex digits)`: what a fix says of an
 * id that failed its pattern, the value single-quoted for a shell (never a substitution, even in
 * a line pasted whole) and escaped for the terminal where it is printed.
 */
export function notAnId(kind: IdKind, value: string): string {
  return `${shellQuote(value)} is not ${describeId(kind)}`;
}
