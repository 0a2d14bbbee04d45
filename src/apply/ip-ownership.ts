/**
 * INVALID_IP_OWNERSHIP: AWS's documented remedy is to delete and recreate the group once the IP
 * is right (UG troubleshooting). The usual cause, an Elastic IP not yet associated, is fixed on
 * the host; the group keeps reporting it. When EC2 now shows the Elastic IP on this host, the
 * kept group is replaced like any other (create new, switch, delete old: contact-guarded).
 */
import type { GroupState } from '../types.ts';

export const INVALID_IP = 'INVALID_IP_OWNERSHIP';

export function reportsInvalidIp(g: GroupState): boolean {
  return g.endpoints.some((e) => e.healthReasons?.includes(INVALID_IP));
}

/** The located groups, with a kept group that reports INVALID_IP_OWNERSHIP moved to retire when the EIP is verified. */
export function replaceInvalidIp<T extends { keep?: GroupState; retire: string[] }>(located: T, o: { eipVerified: boolean }): T {
  const { keep } = located;
  if (!keep || !o.eipVerified || !reportsInvalidIp(keep)) return located;
  return { ...located, keep: undefined, retire: [...located.retire, keep.id] };
}

/** What status says apply will do about it. */
export function invalidIpAdvice(eipVerified: boolean | undefined): string {
  return eipVerified === false
    ? `${INVALID_IP}: associate the Elastic IP with this instance, then run apply: it replaces the group (AWS's remedy: delete and recreate)`
    : `${INVALID_IP}: apply replaces the group once EC2 shows the Elastic IP on this instance (AWS's remedy: delete and recreate), deferred while a contact holds the host`;
}
