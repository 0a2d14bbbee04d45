/** What the contacts port returns: Ground Station contacts and mission profiles mapped to plain data. */
import type { Direction, PortRange } from '../types.ts';

/** The model's ContactStatus enum (groundstation 2019-05-23): any other value cannot be judged. */
export const CONTACT_STATUSES = [
  'SCHEDULING',
  'FAILED_TO_SCHEDULE',
  'SCHEDULED',
  'CANCELLED',
  'AWS_CANCELLED',
  'PREPASS',
  'PASS',
  'POSTPASS',
  'COMPLETED',
  'FAILED',
  'AVAILABLE',
  'CANCELLING',
  'AWS_FAILED',
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/**
 * A contact whose id, status and times were all read soundly. The fields only shown (satellite,
 * ground station, mission profile, region) are kept when they have their documented form.
 */
export interface ContactSummary {
  id: string;
  status: ContactStatus;
  startMs: number;
  endMs: number;
  /** startTime − the profile's pre-pass (startMs when the service omits it). */
  prePassStartMs: number;
  /** endTime + the profile's post-pass (endMs when the service omits it). */
  postPassEndMs: number;
  satelliteArn?: string;
  groundStation?: string;
  missionProfileArn?: string;
  region?: string;
}

/** One agent endpoint a contact's dataflows use: where the agent is reached. */
export interface ContactEndpoint {
  name: string;
  direction: Direction;
  agentIp: string;
  ports: PortRange;
}

export interface ContactDetail extends ContactSummary {
  endpoints: ContactEndpoint[];
}

/**
 * A contact the answer did not let the guard judge: what could be read, and why not the rest.
 * The guard counts it against any disruptive step on a host it may use.
 */
export interface UnjudgedContact {
  /** Absent when the answer had no readable contact id. */
  id?: string;
  /** When it was one of the model's (an unknown status is among the problems, escaped). */
  status?: ContactStatus;
  satelliteArn?: string;
  groundStation?: string;
  /** When readable (status shows them). */
  startMs?: number;
  endMs?: number;
  /** The agent endpoints, when the dataflow list was readable (a contact on another host is then not this host's). */
  endpoints?: ContactEndpoint[];
  /** Why it cannot be judged, one phrase each: `status "NEWSTATUS" is unknown`. Values from outside are escaped. */
  problems: string[];
}

/** A contact as ListContacts listed it: sound, or not judgeable. */
export type ListedContact = { sound: true; contact: ContactSummary } | { sound: false; contact: UnjudgedContact };

/** A contact as DescribeContact answered it: sound (dataflows included), or not judgeable. */
export type DescribedContact = { sound: true; contact: ContactDetail } | { sound: false; contact: UnjudgedContact };

/** One ListContacts listing, every page that could be read. */
export interface ContactListing {
  contacts: ListedContact[];
  /** Set when the listing stopped before its end (a repeated token, too many pages, a page that could not be read): why. */
  unfinished?: string;
}

export interface MissionProfileInfo {
  id: string;
  arn: string;
  name: string;
  region?: string;
  prePassSeconds?: number;
  postPassSeconds?: number;
  /** [sourceConfigArn, destinationConfigArn] pairs. */
  dataflowEdges: string[][];
}

export interface ConfigInfo {
  id: string;
  arn: string;
  name: string;
  type: string;
  /** Set for a dataflow-endpoint config. */
  dataflowEndpoint?: { name: string; region?: string };
}
