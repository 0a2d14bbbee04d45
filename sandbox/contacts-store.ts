/**
 * The contacts stand-in's state: configs, mission profiles, reserved contacts, and the clock
 * that moves a contact through SCHEDULED → PREPASS → PASS → POSTPASS → COMPLETED. Pure data
 * in, data out; the HTTP side lives in contacts-service.ts.
 */
import { createHash } from 'node:crypto';
import { CONFIG_TYPES, type ConfigType, type ContactStatus } from './contacts-model.ts';
import { renderGroup, type StoredGroup } from './groundstation-store.ts';

/** The sandbox's notion of now: the wall clock plus an offset tests move (so no test sleeps). */
export interface SandboxClock {
  now(): number;
  /** Makes now() return `epochMs` (and keep ticking from there). */
  set(epochMs: number): void;
  advance(ms: number): void;
}

export function createClock(scale = 1): SandboxClock {
  // `scale` simulated ms per real ms (sandbox --time-scale), counted from the clock's creation.
  const origin = Date.now();
  let offset = 0;
  const base = () => origin + (Date.now() - origin) * scale;
  return {
    now: () => base() + offset,
    set: (epochMs) => {
      offset = epochMs - base();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

export interface StoredConfig {
  id: string;
  type: ConfigType;
  arn: string;
  name: string;
  configData: Record<string, unknown>;
  tags: Record<string, string>;
}

export interface StoredMissionProfile {
  id: string;
  arn: string;
  name: string;
  region: string;
  contactPrePassDurationSeconds?: number;
  contactPostPassDurationSeconds?: number;
  minimumViableContactDurationSeconds: number;
  dataflowEdges: string[][];
  trackingConfigArn: string;
  telemetrySinkConfigArn?: string;
  tags: Record<string, string>;
}

/** One side of a DataflowDetail as DescribeContact shapes it (Source / Destination). */
export interface DataflowSide {
  configType: ConfigType;
  configId: string;
  configDetails?: Record<string, unknown>;
  region: string;
}

export interface StoredContact {
  id: string;
  missionProfileArn: string;
  satelliteArn?: string;
  groundStation: string;
  startMs: number;
  endMs: number;
  preSeconds: number;
  postSeconds: number;
  tags: Record<string, string>;
  /** The group the contact was scheduled on; undefined: FAILED_TO_SCHEDULE. */
  groupId?: string;
  cancelled: boolean;
  /** Snapshot taken at reservation: the endpoints the service recorded for the contact. */
  dataflows: Array<{ source: DataflowSide; destination: DataflowSide }>;
}

/** The ConfigCapabilityType of a ConfigTypeData union (validated to hold exactly one member). */
export function configTypeOf(configData: Record<string, unknown>): ConfigType {
  const key = Object.keys(configData)[0] as keyof typeof CONFIG_TYPES;
  return CONFIG_TYPES[key];
}

/** The status the clock gives a contact. */
export function contactStatus(c: StoredContact, now: number): ContactStatus {
  if (c.cancelled) return 'CANCELLED';
  if (!c.groupId) return 'FAILED_TO_SCHEDULE';
  if (now < c.startMs - c.preSeconds * 1000) return 'SCHEDULED';
  if (now < c.startMs) return 'PREPASS';
  if (now < c.endMs) return 'PASS';
  if (now < c.endMs + c.postSeconds * 1000) return 'POSTPASS';
  return 'COMPLETED';
}

/** A terminal contact no longer reserves its group. */
export const TERMINAL: readonly ContactStatus[] = ['FAILED_TO_SCHEDULE', 'CANCELLED', 'AWS_CANCELLED', 'COMPLETED', 'FAILED', 'AWS_FAILED'];

const seconds = (ms: number) => ms / 1000;

/** ContactData (ListContacts); timestamps as restJson1 epoch seconds. */
export function renderContactData(c: StoredContact, region: string, now: number): Record<string, unknown> {
  return {
    contactId: c.id,
    missionProfileArn: c.missionProfileArn,
    satelliteArn: c.satelliteArn,
    startTime: seconds(c.startMs),
    endTime: seconds(c.endMs),
    prePassStartTime: seconds(c.startMs - c.preSeconds * 1000),
    postPassEndTime: seconds(c.endMs + c.postSeconds * 1000),
    groundStation: c.groundStation,
    contactStatus: contactStatus(c, now),
    region,
    tags: c.tags,
  };
}

/** DescribeContactResponse: ContactData plus the dataflow list. */
export function renderContact(c: StoredContact, region: string, now: number): Record<string, unknown> {
  const side = (s: DataflowSide, regionKey: string) => ({
    configType: s.configType,
    configId: s.configId,
    configDetails: s.configDetails,
    [regionKey]: s.region,
  });
  return {
    ...renderContactData(c, region, now),
    dataflowList: c.dataflows.map((d) => ({
      source: side(d.source, 'dataflowSourceRegion'),
      destination: side(d.destination, 'dataflowDestinationRegion'),
    })),
  };
}

/** The dataflow endpoint names a mission profile's edges name, in edge order. */
export function endpointNamesOf(profile: StoredMissionProfile, configs: Map<string, StoredConfig>): string[] {
  const byArn = new Map([...configs.values()].map((c) => [c.arn, c]));
  const names = profile.dataflowEdges
    .flat()
    .map((arn) => byArn.get(arn))
    .filter((c): c is StoredConfig => c?.type === 'dataflow-endpoint')
    .map((c) => (c.configData.dataflowEndpointConfig as { dataflowEndpointName: string }).dataflowEndpointName);
  return [...new Set(names)];
}

function endpointName(details: Record<string, unknown>): string | undefined {
  const ep = (details.downlinkAwsGroundStationAgentEndpoint ?? details.uplinkAwsGroundStationAgentEndpoint) as
    { name?: string } | undefined;
  return ep?.name;
}

/**
 * The group a new contact is scheduled on, as the service documents it: a HEALTHY group that
 * has every endpoint name of the profile and is not reserved by an overlapping contact.
 */
export function chooseGroup(
  groups: Iterable<StoredGroup>,
  names: string[],
  busy: Set<string>,
  ownedIps?: string[],
): StoredGroup | undefined {
  if (names.length === 0) return undefined;
  for (const g of groups) {
    if (busy.has(g.id)) continue;
    const details = renderGroup(g, ownedIps).endpointsDetails as Array<Record<string, unknown>>;
    const healthy = details.every((d) => d.healthStatus === 'HEALTHY');
    const have = new Set(details.map(endpointName));
    if (healthy && names.every((n) => have.has(n))) return g;
  }
  return undefined;
}

/** One side of a dataflow edge; a dataflow-endpoint config carries the group's endpoint details. */
export function dataflowSide(config: StoredConfig, region: string, group: StoredGroup | undefined, ownedIps?: string[]): DataflowSide {
  const side: DataflowSide = { configType: config.type, configId: config.id, region };
  if (config.type !== 'dataflow-endpoint' || !group) return side;
  const dfe = config.configData.dataflowEndpointConfig as { dataflowEndpointName: string; dataflowEndpointRegion?: string };
  const details = (renderGroup(group, ownedIps).endpointsDetails as Array<Record<string, unknown>>).find(
    (d) => endpointName(d) === dfe.dataflowEndpointName,
  );
  return { ...side, region: dfe.dataflowEndpointRegion ?? region, ...(details && { configDetails: { endpointDetails: details } }) };
}

/** A stable UUID-shaped id from a seed (the catalogue's satellites). */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The account's onboarded satellites and the region's ground stations (AWS publishes these names). */
export const SATELLITES = [
  { name: 'NOAA-20', noradSatelliteID: 43013 },
  { name: 'AQUA', noradSatelliteID: 27424 },
  { name: 'TERRA', noradSatelliteID: 25994 },
];
export const GROUND_STATIONS = ['Ohio 1', 'Oregon 1', 'Alaska 1', 'Hawaii 1'];
