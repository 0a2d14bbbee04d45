/**
 * Stand-in for Ground Station's configs, mission profiles and contacts (restJson1, SigV4
 * checked, model constraints enforced): any AWS client can set up a mission profile and
 * reserve a contact, which then runs by the sandbox clock on the group whose endpoint names
 * match the profile's dataflow endpoint configs.
 */
import { randomUUID } from 'node:crypto';
import './contacts-model.ts';
import { decodePageToken, pageOf, type StoredGroup } from './groundstation-store.ts';
import { errorResponse, invalidParameter, jsonResponse, notFound } from './groundstation-routes.ts';
import { checkSigV4, type SigV4Credentials } from './sigv4-check.ts';
import { matchContactsRoute, type ContactsOperation, type ContactsRoute } from './contacts-routes.ts';
import { bodyOf, checkUuid, pageParams, type Handler } from './contacts-http.ts';
import { profileHandlers } from './contacts-profiles.ts';
import {
  GROUND_STATIONS,
  SATELLITES,
  TERMINAL,
  chooseGroup,
  contactStatus,
  createClock,
  dataflowSide,
  endpointNamesOf,
  renderContact,
  renderContactData,
  seededUuid,
  type SandboxClock,
  type StoredConfig,
  type StoredContact,
  type StoredMissionProfile,
} from './contacts-store.ts';
import type { SandboxRequest, SandboxResponse, SandboxService } from './types.ts';

export interface ContactsServiceOptions {
  region: string;
  accountId: string;
  credentials: SigV4Credentials;
  /** The group service's groups: a contact is scheduled on one of them. */
  groups: Map<string, StoredGroup>;
  ownedIps?: () => string[];
  clock?: SandboxClock;
  /** Page size of the List operations when the caller sends no maxResults (default 50). */
  listPageSize?: number;
}

export type ContactsService = SandboxService & {
  clock: SandboxClock;
  configs: Map<string, StoredConfig>;
  missionProfiles: Map<string, StoredMissionProfile>;
  contacts: Map<string, StoredContact>;
};

export function createContactsService(opts: ContactsServiceOptions): ContactsService {
  const clock = opts.clock ?? createClock();
  const configs = new Map<string, StoredConfig>();
  const missionProfiles = new Map<string, StoredMissionProfile>();
  const contacts = new Map<string, StoredContact>();
  const arn = (kind: string) => `arn:aws:groundstation:${opts.region}:${opts.accountId}:${kind}`;
  const satellites = SATELLITES.map((s) => ({ ...s, satelliteId: seededUuid(`satellite/${s.name}`) })).map((s) => ({
    ...s,
    satelliteArn: arn(`satellite/${s.satelliteId}`),
  }));
  const configByArn = (a: string) => [...configs.values()].find((c) => c.arn === a);
  const size = (max?: number) => max ?? opts.listPageSize ?? 50;

  const list = (req: SandboxRequest, key: string, items: unknown[]): SandboxResponse => {
    const p = pageParams(req);
    if ('status' in p) return p;
    const { page, nextToken } = pageOf(items, p.offset, size(p.max));
    return jsonResponse(200, { [key]: page, nextToken });
  };

  const reserveContact: Handler = (req) => {
    const body = bodyOf(req, 'ReserveContactRequest');
    if (!body.ok) return body.response;
    const v = body.value as {
      missionProfileArn: string;
      satelliteArn?: string;
      startTime: number;
      endTime: number;
      groundStation: string;
      tags?: Record<string, string>;
    };
    const profile = [...missionProfiles.values()].find((p) => p.arn === v.missionProfileArn);
    if (!profile) return notFound(`Mission profile ${v.missionProfileArn} not found`);
    if (v.satelliteArn && !satellites.some((s) => s.satelliteArn === v.satelliteArn))
      return notFound(`Satellite ${v.satelliteArn} not found`);
    if (!GROUND_STATIONS.includes(v.groundStation)) return notFound(`Ground station ${v.groundStation} not found`);
    const startMs = v.startTime * 1000;
    const endMs = v.endTime * 1000;
    if (endMs <= startMs) return invalidParameter('endTime', 'endTime must be after startTime');
    if (startMs <= clock.now()) return invalidParameter('startTime', 'startTime must be in the future');
    const preSeconds = profile.contactPrePassDurationSeconds ?? 0;
    const postSeconds = profile.contactPostPassDurationSeconds ?? 0;
    const overlaps = (c: StoredContact) =>
      c.startMs - c.preSeconds * 1000 < endMs + postSeconds * 1000 && startMs - preSeconds * 1000 < c.endMs + c.postSeconds * 1000;
    const busy = new Set(
      [...contacts.values()]
        .filter((c) => c.groupId && !TERMINAL.includes(contactStatus(c, clock.now())) && overlaps(c))
        .map((c) => c.groupId as string),
    );
    const group = chooseGroup(opts.groups.values(), endpointNamesOf(profile, configs), busy, opts.ownedIps?.());
    const side = (a: string) => dataflowSide(configByArn(a) as StoredConfig, opts.region, group, opts.ownedIps?.());
    const id = randomUUID();
    contacts.set(id, {
      id,
      missionProfileArn: profile.arn,
      satelliteArn: v.satelliteArn,
      groundStation: v.groundStation,
      startMs,
      endMs,
      preSeconds,
      postSeconds,
      tags: { ...(v.tags ?? {}) },
      groupId: group?.id,
      cancelled: false,
      dataflows: profile.dataflowEdges.map(([s, d]) => ({ source: side(s), destination: side(d) })),
    });
    return jsonResponse(200, { contactId: id });
  };

  const listContacts: Handler = (req) => {
    const body = bodyOf(req, 'ListContactsRequest');
    if (!body.ok) return body.response;
    const v = body.value as {
      statusList: string[];
      startTime: number;
      endTime: number;
      groundStation?: string;
      satelliteArn?: string;
      missionProfileArn?: string;
      maxResults?: number;
      nextToken?: string;
    };
    if (v.statusList.includes('AVAILABLE') && !(v.groundStation && v.missionProfileArn && v.satelliteArn)) {
      return invalidParameter('statusList', 'AVAILABLE requires groundStation, missionProfileArn and satelliteArn');
    }
    const offset = v.nextToken === undefined ? 0 : decodePageToken(v.nextToken);
    if (offset === undefined) return invalidParameter('nextToken', 'The nextToken is not valid');
    const now = clock.now();
    // Overlap of [startTime, endTime] with the window (AWS does not document overlap vs containment).
    const items = [...contacts.values()]
      .filter((c) => v.statusList.includes(contactStatus(c, now)) && c.startMs < v.endTime * 1000 && c.endMs > v.startTime * 1000)
      .filter(
        (c) =>
          (!v.groundStation || c.groundStation === v.groundStation) &&
          (!v.satelliteArn || c.satelliteArn === v.satelliteArn) &&
          (!v.missionProfileArn || c.missionProfileArn === v.missionProfileArn),
      )
      .sort((a, b) => a.startMs - b.startMs)
      .map((c) => renderContactData(c, opts.region, now));
    const { page, nextToken } = pageOf(items, offset, size(v.maxResults));
    return jsonResponse(200, { contactList: page, nextToken });
  };

  const withContact = (route: ContactsRoute, then: (c: StoredContact) => SandboxResponse): SandboxResponse => {
    const bad = checkUuid('contactId', route.labels[0]);
    if (bad) return bad;
    const c = contacts.get(route.labels[0]);
    return c ? then(c) : notFound(`Contact ${route.labels[0]} not found`);
  };

  const handlers: Record<ContactsOperation, Handler> = {
    ...profileHandlers({ region: opts.region, arn, configs, missionProfiles, list }),
    ListSatellites: (req) =>
      list(
        req,
        'satellites',
        satellites.map((s) => ({
          satelliteId: s.satelliteId,
          satelliteArn: s.satelliteArn,
          noradSatelliteID: s.noradSatelliteID,
          groundStations: GROUND_STATIONS,
        })),
      ),
    ListGroundStations: (req) =>
      list(
        req,
        'groundStationList',
        GROUND_STATIONS.map((g) => ({ groundStationId: g, groundStationName: g, region: opts.region })),
      ),
    ReserveContact: reserveContact,
    ListContacts: listContacts,
    DescribeContact: (_req, route) => withContact(route, (c) => jsonResponse(200, renderContact(c, opts.region, clock.now()))),
    CancelContact: (_req, route) =>
      withContact(route, (c) => {
        c.cancelled = true;
        return jsonResponse(200, { contactId: c.id });
      }),
  };

  return {
    clock,
    configs,
    missionProfiles,
    contacts,
    identify(req) {
      const route = matchContactsRoute(req);
      return route ? `groundstation:${route.operation}` : undefined;
    },
    async handle(req) {
      const auth = await checkSigV4(req, { service: 'groundstation', region: opts.region, credentials: opts.credentials });
      if (!auth.ok) return errorResponse(403, auth.code, { message: auth.message });
      const route = matchContactsRoute(req) as ContactsRoute;
      return handlers[route.operation](req, route);
    },
  };
}
