/** Sets up a mission profile and reserves contacts in the sandbox through the real SDK client, as an operator would. */
import {
  CreateConfigCommand,
  CreateMissionProfileCommand,
  GetMissionProfileCommand,
  GroundStationClient,
  ListSatellitesCommand,
  ReserveContactCommand,
} from '@aws-sdk/client-groundstation';
import type { Sandbox } from '../../sandbox/server.ts';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { example, runMain } from './cli.ts';

export function sdkClient(sb: Sandbox): GroundStationClient {
  return new GroundStationClient({
    region: sb.host.region,
    endpoint: sb.url,
    maxAttempts: 1,
    credentials: { accessKeyId: sb.env.AWS_ACCESS_KEY_ID, secretAccessKey: sb.env.AWS_SECRET_ACCESS_KEY },
  });
}

/** A downlink mission profile whose dataflow endpoint configs name `endpointNames`; returns its ARN and config ARNs. */
export async function createMissionProfile(
  client: GroundStationClient,
  endpointNames: string[],
  o: { name?: string; pre?: number; post?: number; region?: string } = {},
): Promise<{ arn: string; id: string; dataflowEndpointConfigArns: string[] }> {
  const tracking = await client.send(
    new CreateConfigCommand({ name: 'tracking', configData: { trackingConfig: { autotrack: 'PREFERRED' } } }),
  );
  const antenna = await client.send(
    new CreateConfigCommand({
      name: 'antenna',
      configData: {
        antennaDownlinkConfig: {
          spectrumConfig: {
            centerFrequency: { value: 7812, units: 'MHz' },
            bandwidth: { value: 30, units: 'MHz' },
            polarization: 'RIGHT_HAND',
          },
        },
      },
    }),
  );
  const dfe: string[] = [];
  for (const n of endpointNames) {
    const c = await client.send(
      new CreateConfigCommand({
        name: `dfe-${n}`.slice(0, 256),
        configData: { dataflowEndpointConfig: { dataflowEndpointName: n, ...(o.region && { dataflowEndpointRegion: o.region }) } },
      }),
    );
    dfe.push(c.configArn!);
  }
  const mp = await client.send(
    new CreateMissionProfileCommand({
      name: o.name ?? 'mission',
      minimumViableContactDurationSeconds: 60,
      contactPrePassDurationSeconds: o.pre ?? 120,
      contactPostPassDurationSeconds: o.post ?? 60,
      trackingConfigArn: tracking.configArn!,
      dataflowEdges: dfe.map((d) => [antenna.configArn!, d]),
    }),
  );
  const got = await client.send(new GetMissionProfileCommand({ missionProfileId: mp.missionProfileId! }));
  return { arn: got.missionProfileArn!, id: mp.missionProfileId!, dataflowEndpointConfigArns: dfe };
}

/** Reserves a contact from `startMs` to `endMs` (epoch ms) on the first satellite, at Ohio 1. */
export async function reserveContact(
  client: GroundStationClient,
  missionProfileArn: string,
  startMs: number,
  endMs: number,
): Promise<string> {
  const sats = await client.send(new ListSatellitesCommand({}));
  const out = await client.send(
    new ReserveContactCommand({
      missionProfileArn,
      satelliteArn: sats.satellites![0].satelliteArn,
      groundStation: 'Ohio 1',
      startTime: new Date(startMs),
      endTime: new Date(endMs),
    }),
  );
  return out.contactId!;
}

/**
 * A contact from `startMs` to `endMs` on a new mission profile whose dataflow endpoints are
 * `endpointNames`. It may have begun already: the sandbox's contact clock is moved back an hour
 * to reserve it (a reservation must lie in the future), then set to now again.
 */
export async function reserveContactOn(
  sb: Sandbox,
  endpointNames: string[],
  startMs: number,
  endMs: number,
  profile: { pre?: number; post?: number } = {},
): Promise<string> {
  const client = sdkClient(sb);
  const mp = await createMissionProfile(client, endpointNames, profile);
  sb.contacts.clock.set(startMs - 3_600_000);
  try {
    return await reserveContact(client, mp.arn, startMs, endMs);
  } finally {
    sb.contacts.clock.set(Date.now());
  }
}

/** The wideband example renamed `name`, applied into a new root: what the contact tests start from. */
export async function applyRenamedExample(sb: Sandbox, prefix: string, name: string) {
  const root = await mkdtemp(join(tmpdir(), `gsac-${prefix}-${name}-`));
  const mission = join(root, 'mission.yaml');
  const v1 = (await readFile(example('wideband-downlink.yaml'), 'utf8')).replace(/^name: noaa20-wideband /m, `name: ${name} `);
  await writeFile(mission, v1);
  const first = await runMain(['apply', mission, '--root', root, '--json'], sb.env);
  assert.equal(first.code, 0, first.err);
  const report = JSON.parse(first.out);
  const names = report.outputs.dataflowEndpointConfigs.map((c: { dataflowEndpointName: string }) => c.dataflowEndpointName) as string[];
  return { root, mission, v1, report, names };
}
