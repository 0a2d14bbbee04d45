/**
 * Schema validation of the raw mission data against schemas/mission.schema.json (the schema
 * editors use too), through the shared validators (src/validators.ts).
 */
import schema from '../../schemas/mission.schema.json' with { type: 'json' };
import { validator } from '../validators.ts';
import { formatSchemaErrors } from './format-schema-errors.ts';
import type { Problem } from './problem.ts';

/** The mission as written, once it matches the schema (before defaults and normalisation). */
export interface MissionInput {
  name: string;
  contact?: { prePassSeconds?: number; postPassSeconds?: number };
  agent?: {
    portPool?: string;
    portsPerDataflow?: number;
    publicIp?: string;
    privateIps?: 'auto' | string[];
    cpuCores?: string | number[];
    networkAdapters?: 'auto' | string[];
  };
  dataflows: DataflowInput[];
  tags?: Record<string, string>;
  group?: string;
  profiles?: Array<{ name: string; dataflows: string[]; missionProfile?: string }>;
}

export interface DataflowInput {
  name: string;
  direction: 'downlink' | 'uplink';
  deliverTo?: string;
  receiveFrom?: string;
  agentPorts?: string;
  mtu?: number;
  localMtu?: number;
  bandwidthMHz?: number;
}

export type SchemaResult = { ok: true; input: MissionInput } | { ok: false; problems: Problem[] };

/** Check `data` against the mission schema: the typed input, or every problem found. */
export function validateSchema(data: unknown): SchemaResult {
  const validate = validator<MissionInput>('mission');
  if (validate(data)) return { ok: true, input: data };
  return { ok: false, problems: formatSchemaErrors(validate.errors ?? [], data, schema) };
}
