/**
 * INVALID_IP_OWNERSHIP: AWS's documented remedy is to delete and recreate the group once the IP
 * is right (UG troubleshooting). The usual cause, an Elastic IP not yet associated, is fixed on
 * the host; the group keeps reporting it. When EC2 now shows the Elastic IP on this host, the
 * kept group is replaced like any other (create new, switch, delete old: contact-guarded), and
 * the state file records why. A group made that way was created with the Elastic IP already
 * on this host: when it reports INVALID_IP_OWNERSHIP too, another replace would not help (and
 * the timer would replace it every 15 minutes), so it is kept and the run says what to check.
 */
import { shellQuote } from '../shell-quote.ts';
import type { GroupState } from '../types.ts';

export const INVALID_IP = 'INVALID_IP_OWNERSHIP';

export function reportsInvalidIp(g: GroupState): boolean {
  return g.endpoints.some((e) => e.healthReasons?.includes(INVALID_IP));
}

interface Judged {
  keep?: GroupState;
  retire: string[];
  replacesInvalidIp?: string;
  invalidIpAgain?: boolean;
}

/**
 * The located groups, with a kept group that reports INVALID_IP_OWNERSHIP moved to retire when
 * the EIP is verified; `replacement`: the kept group was itself made to replace one for that
 * reason (state file), so it stays and is marked `invalidIpAgain`.
 */
export function replaceInvalidIp<T extends Judged>(located: T, o: { eipVerified: boolean; replacement: boolean }): T {
  const { keep } = located;
  if (!keep || !reportsInvalidIp(keep)) return located;
  if (o.replacement) return { ...located, invalidIpAgain: true };
  if (!o.eipVerified) return located;
  return { ...located, keep: undefined, retire: [...located.retire, keep.id], replacesInvalidIp: keep.id };
}

/** What status says apply will do about it; `again`: the group already replaced one for this reason (state file). */
export function invalidIpAdvice(eipVerified: boolean | undefined, again = false): string {
  if (again) return invalidIpAgainText();
  return eipVerified === false
    ? `${INVALID_IP}: associate the Elastic IP with this instance, then run apply: it replaces the group (AWS's remedy: delete and recreate)`
    : `${INVALID_IP}: apply replaces the group once EC2 shows the Elastic IP on this instance (AWS's remedy: delete and recreate), deferred while a contact holds the host`;
}

/** The problem (exit 6) when the replacement reports it too: what to check instead of replacing again. */
export function invalidIpAgainText(publicIp?: string): string {
  const ip = publicIp ? ` ${publicIp}` : '';
  const check = publicIp ? `aws ec2 describe-addresses --public-ips ${shellQuote(publicIp)}` : 'aws ec2 describe-addresses';
  return `${INVALID_IP} again on a group made to replace one for that reason, with the Elastic IP${ip} already on this instance: not replaced again (another replace would not help); check that the Elastic IP is associated with this instance's interface (${check}), that it belongs to the account the group is in, and if both hold, ask AWS support`;
}
