/**
 * restJson1 routing for the contacts side of the Ground Station stand-in (configs, mission
 * profiles, satellites, ground stations, contacts), as the model's `http` traits define them.
 * Requests that match none of these fall through to the group service (groundstation-routes.ts).
 */
import type { SandboxRequest } from './types.ts';

export type ContactsOperation =
  | 'CreateConfig'
  | 'GetConfig'
  | 'ListConfigs'
  | 'DeleteConfig'
  | 'CreateMissionProfile'
  | 'GetMissionProfile'
  | 'ListMissionProfiles'
  | 'DeleteMissionProfile'
  | 'ListSatellites'
  | 'ListGroundStations'
  | 'ReserveContact'
  | 'ListContacts'
  | 'DescribeContact'
  | 'CancelContact';

export interface ContactsRoute {
  operation: ContactsOperation;
  labels: string[];
}

function label(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const TABLE: Array<{ method: string; path: RegExp; operation: ContactsOperation }> = [
  { method: 'POST', path: /^\/config$/, operation: 'CreateConfig' },
  { method: 'GET', path: /^\/config$/, operation: 'ListConfigs' },
  { method: 'GET', path: /^\/config\/([^/]+)\/([^/]+)$/, operation: 'GetConfig' },
  { method: 'DELETE', path: /^\/config\/([^/]+)\/([^/]+)$/, operation: 'DeleteConfig' },
  { method: 'POST', path: /^\/missionprofile$/, operation: 'CreateMissionProfile' },
  { method: 'GET', path: /^\/missionprofile$/, operation: 'ListMissionProfiles' },
  { method: 'GET', path: /^\/missionprofile\/([^/]+)$/, operation: 'GetMissionProfile' },
  { method: 'DELETE', path: /^\/missionprofile\/([^/]+)$/, operation: 'DeleteMissionProfile' },
  { method: 'GET', path: /^\/satellite$/, operation: 'ListSatellites' },
  { method: 'GET', path: /^\/groundstation$/, operation: 'ListGroundStations' },
  { method: 'POST', path: /^\/contact$/, operation: 'ReserveContact' },
  { method: 'POST', path: /^\/contacts$/, operation: 'ListContacts' },
  { method: 'GET', path: /^\/contact\/([^/]+)$/, operation: 'DescribeContact' },
  { method: 'DELETE', path: /^\/contact\/([^/]+)$/, operation: 'CancelContact' },
];

/** The route of a contacts request, or undefined (IMDS, EC2 and the group API are someone else's). */
export function matchContactsRoute(req: SandboxRequest): ContactsRoute | undefined {
  if (req.url.pathname.startsWith('/latest/')) return undefined;
  for (const r of TABLE) {
    if (r.method !== req.method) continue;
    const m = r.path.exec(req.url.pathname);
    if (m) return { operation: r.operation, labels: m.slice(1).map(label) };
  }
  return undefined;
}
