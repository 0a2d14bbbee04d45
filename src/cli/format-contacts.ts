/** status's text lines for the contacts that will use this host, those that could not be judged, and the wiring notes. */
import type { ContactLine, ContactsStatus } from '../contacts/contact-status.ts';

function contactLine(n: ContactLine): string {
  const id = n.contactId ?? '(no readable id)';
  if (n.unjudged !== null) return `    contact ${id} could not be judged (${n.unjudged}): it may use this host`;
  const sat = n.satelliteArn ? n.satelliteArn.split('/').pop()! : '-';
  return `    ${n.start} to ${n.end}  ${n.status}  satellite ${sat} at ${n.groundStation ? n.groundStation : '-'}  (contact ${id})`;
}

export function formatContactsStatus(c: ContactsStatus): string[] {
  const lines: string[] = [];
  if (c.error) lines.push(`  contacts: could not be listed (${c.error})`);
  else if (c.next.length === 0 && !c.unfinished) lines.push('  no contact will use this host in the next 24 h');
  else if (c.next.length) lines.push('  next contacts on this host (24 h):', ...c.next.map(contactLine));
  if (c.unfinished) lines.push(`  contacts: the listing could not be finished (${c.unfinished}); contacts past it are not shown`);
  for (const n of c.wiring.notes) lines.push(`  note: ${n}`);
  for (const u of c.wiring.unknown) lines.push(`  mission profile wiring: unknown (${u})`);
  return lines;
}
