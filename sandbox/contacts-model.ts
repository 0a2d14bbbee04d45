/**
 * The model's shapes for configs, mission profiles and contacts (groundstation 2019-05-23),
 * as data for the sandbox's validator. They are added to the shared shape table once, when
 * this module is first imported; config types the tool never reads (antenna, S3, telemetry…)
 * are accepted as documents and stored as sent.
 */
import { SHAPES, UUID, type Shape } from './groundstation-model.ts';

/** ConfigArn. */
export const CONFIG_ARN = {
  pattern:
    '^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:config/[a-z0-9]+(-[a-z0-9]+){0,4}/' +
    '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(/.{1,256})?$',
  minLength: 82,
  maxLength: 424,
} as const;

/** MissionProfileArn. */
export const MISSION_PROFILE_ARN = {
  pattern: '^arn:aws:groundstation:[-a-z0-9]{1,50}:[0-9]{12}:mission-profile/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
  minLength: 89,
  maxLength: 138,
} as const;

/** satelliteArn. */
export const SATELLITE_ARN = {
  pattern: '^arn:aws:groundstation:([-a-z0-9]{1,50})?:[0-9]{12}:satellite/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
  minLength: 82,
  maxLength: 132,
} as const;

/** GroundStationName. */
export const GROUND_STATION_NAME = { pattern: '^[ a-zA-Z0-9-._:=]{4,97}$', minLength: 4, maxLength: 97 } as const;

/** ConfigCapabilityType, and the ConfigTypeData member that carries each type. */
export const CONFIG_TYPES = {
  antennaDownlinkConfig: 'antenna-downlink',
  antennaDownlinkDemodDecodeConfig: 'antenna-downlink-demod-decode',
  trackingConfig: 'tracking',
  dataflowEndpointConfig: 'dataflow-endpoint',
  antennaUplinkConfig: 'antenna-uplink',
  uplinkEchoConfig: 'uplink-echo',
  s3RecordingConfig: 's3-recording',
  telemetrySinkConfig: 'telemetry-sink',
} as const;
export type ConfigType = (typeof CONFIG_TYPES)[keyof typeof CONFIG_TYPES];

/** ContactStatus. */
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

const enumOf = (values: readonly string[]): Shape => ({ type: 'string', pattern: `^(${values.join('|')})$` });
const ANY_CONFIG = Object.fromEntries(Object.keys(CONFIG_TYPES).map((k) => [k, 'Document']));

export const CONTACT_SHAPES: Record<string, Shape> = {
  CreateConfigRequest: {
    type: 'structure',
    required: ['name', 'configData'],
    members: { name: 'SafeName', configData: 'ConfigTypeData', tags: 'TagsMap' },
  },
  ConfigTypeData: {
    type: 'structure',
    union: true,
    members: { ...ANY_CONFIG, dataflowEndpointConfig: 'DataflowEndpointConfig', trackingConfig: 'TrackingConfig' },
  },
  DataflowEndpointConfig: {
    type: 'structure',
    required: ['dataflowEndpointName'],
    members: { dataflowEndpointName: 'String', dataflowEndpointRegion: 'String' },
  },
  TrackingConfig: { type: 'structure', required: ['autotrack'], members: { autotrack: 'Criticality' } },
  Criticality: enumOf(['REQUIRED', 'PREFERRED', 'REMOVED']),
  CreateMissionProfileRequest: {
    type: 'structure',
    required: ['name', 'minimumViableContactDurationSeconds', 'dataflowEdges', 'trackingConfigArn'],
    members: {
      name: 'SafeName',
      contactPrePassDurationSeconds: 'DurationInSeconds',
      contactPostPassDurationSeconds: 'DurationInSeconds',
      minimumViableContactDurationSeconds: 'PositiveDurationInSeconds',
      dataflowEdges: 'DataflowEdgeList',
      trackingConfigArn: 'ConfigArn',
      telemetrySinkConfigArn: 'ConfigArn',
      tags: 'TagsMap',
      streamsKmsKey: 'Document',
      streamsKmsRole: 'String',
    },
  },
  DurationInSeconds: { type: 'integer', minimum: 0, maximum: 21600 },
  PositiveDurationInSeconds: { type: 'integer', minimum: 1, maximum: 21600 },
  DataflowEdgeList: { type: 'list', member: 'DataflowEdge', minItems: 0, maxItems: 500 },
  DataflowEdge: { type: 'list', member: 'ConfigArn', minItems: 2, maxItems: 2 },
  ConfigArn: { type: 'string', ...CONFIG_ARN },
  ReserveContactRequest: {
    type: 'structure',
    required: ['missionProfileArn', 'startTime', 'endTime', 'groundStation'],
    members: {
      missionProfileArn: 'MissionProfileArn',
      satelliteArn: 'SatelliteArn',
      startTime: 'Timestamp',
      endTime: 'Timestamp',
      groundStation: 'GroundStationName',
      tags: 'TagsMap',
      trackingOverrides: 'Document',
    },
  },
  ListContactsRequest: {
    type: 'structure',
    required: ['statusList', 'startTime', 'endTime'],
    members: {
      maxResults: 'PaginationMaxResults',
      nextToken: 'PaginationToken',
      statusList: 'StatusList',
      startTime: 'Timestamp',
      endTime: 'Timestamp',
      groundStation: 'GroundStationName',
      satelliteArn: 'SatelliteArn',
      missionProfileArn: 'MissionProfileArn',
      ephemeris: 'Document',
    },
  },
  StatusList: { type: 'list', member: 'ContactStatus', minItems: 0, maxItems: 500 },
  ContactStatus: enumOf(CONTACT_STATUSES),
  PaginationMaxResults: { type: 'integer', minimum: 1, maximum: 100 },
  PaginationToken: { type: 'string', pattern: '^[A-Za-z0-9-/+_.=]+$', minLength: 3, maxLength: 1000 },
  MissionProfileArn: { type: 'string', ...MISSION_PROFILE_ARN },
  SatelliteArn: { type: 'string', ...SATELLITE_ARN },
  GroundStationName: { type: 'string', ...GROUND_STATION_NAME },
  ConfigCapabilityType: enumOf(Object.values(CONFIG_TYPES)),
  Uuid: { type: 'string', ...UUID },
  Timestamp: { type: 'timestamp' },
  Document: { type: 'document' },
};

Object.assign(SHAPES, CONTACT_SHAPES);
