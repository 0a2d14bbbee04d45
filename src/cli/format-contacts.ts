/** status's text lines for the contacts that will use this host and the wiring notes. */
import type { ContactsStatus } from '../contacts/contact-status.ts';

export function formatContactsStatus(c: ContactsStatus): string[] {
  const lines: string[] = [];
  if (c.error) lines.push(`  contacts: could not be listed (${c.error})`);
  else if (c.next.length === 0) lines.push('  no contact will use this host in the next 24 h');
  else {
    lines.push('  next contacts on this host (24 h):');
    for (const n of c.next)
      lines.push(
        `    ${n.start} to ${n.end}  ${n.status}  satellite ${n.satelliteArn?.split('/').pop() ?? '-'} at ${n.groundStation ?? '-'}  (contact ${n.contactId})`,
      );
  }
  for (const n of c.wiring.notes) lines.push(`  note: ${n}`);
  return lines;
}
