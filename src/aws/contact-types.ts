/** What the contacts port returns: Ground Station contacts and mission profiles mapped to plain data. */
import type { Direction, PortRange } from '../types.ts';

export interface ContactSummary {
  id: string;
  status: string;
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
