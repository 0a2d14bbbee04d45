/**
 * The contacts port: the Ground Station reads that tell whether a contact holds this host, and
 * how its mission profiles are wired (ListContacts, DescribeContact, GetMissionProfile,
 * GetConfig). Plain data out (contact-types.ts), every SDK failure mapped to the tool's errors,
 * every answer parsed once here.
 */
import {
  DescribeContactCommand,
  GetConfigCommand,
  GetMissionProfileCommand,
  GroundStationClient,
  ListContactsCommand,
  type ContactStatus,
  type GroundStationClientConfig,
} from '@aws-sdk/client-groundstation';
import { AwsCallError } from '../errors.ts';
import { createRequestHandler, type AwsClientOptions } from './groundstation.ts';
import { reportRetries } from './retry-progress.ts';
import { mapAwsError } from './map-aws-error.ts';
import { parseContactData, parseDataflowEndpoints } from './contacts-parse.ts';
import type { ConfigInfo, ContactDetail, ContactSummary, MissionProfileInfo } from './contact-types.ts';

export type { ConfigInfo, ContactDetail, ContactEndpoint, ContactSummary, MissionProfileInfo } from './contact-types.ts';

export interface ContactsPort {
  /** Contacts in `statuses` that overlap [startMs, endMs] (follows nextToken up to MAX_CONTACT_PAGES). */
  listContacts(q: { statuses: ContactStatus[]; startMs: number; endMs: number }): Promise<ContactSummary[]>;
  describeContact(id: string): Promise<ContactDetail>;
  getMissionProfile(id: string): Promise<MissionProfileInfo>;
  getConfig(type: string, id: string): Promise<ConfigInfo>;
}

/** 100 per page × 20 pages: far more contacts than one account schedules in a day, and a bound on a looping service. */
export const MAX_CONTACT_PAGES = 20;

function buildClient(opts: AwsClientOptions): GroundStationClient {
  const config: GroundStationClientConfig = { region: opts.region, maxAttempts: opts.maxAttempts ?? 3, requestHandler: createRequestHandler(opts.deadline) };
  if (opts.endpoint !== undefined) config.endpoint = opts.endpoint;
  if (opts.credentials !== undefined) config.credentials = opts.credentials;
  const client = new GroundStationClient(config);
  reportRetries(client);
  return client;
}

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AwsCallError) throw err;
    throw mapAwsError(operation, err);
  }
}

const malformed = (operation: string, what: string) =>
  new AwsCallError('MalformedResponse', `${operation} answered without ${what}`, ['the answer was not used; retry, and report it if it persists']);

export function createContactsPort(opts: AwsClientOptions): ContactsPort {
  const client = buildClient(opts);

  const listContacts: ContactsPort['listContacts'] = (q) => call('ListContacts', async () => {
    const out: ContactSummary[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    for (let page = 1; ; page++) {
      const res = await client.send(new ListContactsCommand({
        statusList: q.statuses, startTime: new Date(q.startMs), endTime: new Date(q.endMs), maxResults: 100, nextToken,
      }));
      for (const c of res.contactList ?? []) out.push(parseContactData(c, 'ListContacts'));
      nextToken = res.nextToken;
      if (!nextToken) return out;
      // A repeated token would loop for ever; too many pages means the answer cannot be trusted whole.
      if (seen.has(nextToken)) throw new AwsCallError('RepeatedPageToken', 'ListContacts repeated a nextToken: the contact list cannot be read whole', ['retry later; no disruptive step was taken']);
      if (page >= MAX_CONTACT_PAGES) throw new AwsCallError('TooManyPages', `ListContacts returned more than ${MAX_CONTACT_PAGES} pages`, ['retry later; no disruptive step was taken']);
      seen.add(nextToken);
    }
  });

  return {
    listContacts,
    describeContact: (id) => call('DescribeContact', async () => {
      const res = await client.send(new DescribeContactCommand({ contactId: id }));
      return { ...parseContactData(res, 'DescribeContact'), endpoints: parseDataflowEndpoints(res.dataflowList ?? []) };
    }),
    getMissionProfile: (id) => call('GetMissionProfile', async () => {
      const res = await client.send(new GetMissionProfileCommand({ missionProfileId: id }));
      if (!res.missionProfileArn || !Array.isArray(res.dataflowEdges)) throw malformed('GetMissionProfile', 'missionProfileArn or dataflowEdges');
      return {
        id: res.missionProfileId ?? id, arn: res.missionProfileArn, name: res.name ?? '', region: res.region,
        prePassSeconds: res.contactPrePassDurationSeconds, postPassSeconds: res.contactPostPassDurationSeconds,
        dataflowEdges: res.dataflowEdges.filter((e): e is string[] => Array.isArray(e) && e.length === 2 && e.every((a) => typeof a === 'string')),
      };
    }),
    getConfig: (type, id) => call('GetConfig', async () => {
      const res = await client.send(new GetConfigCommand({ configType: type as never, configId: id }));
      if (!res.configArn) throw malformed('GetConfig', 'configArn');
      const dfe = res.configData?.dataflowEndpointConfig;
      return {
        id: res.configId ?? id, arn: res.configArn, name: res.name ?? '', type: res.configType ?? type,
        ...(dfe && typeof dfe.dataflowEndpointName === 'string' && {
          dataflowEndpoint: { name: dfe.dataflowEndpointName, ...(typeof dfe.dataflowEndpointRegion === 'string' && { region: dfe.dataflowEndpointRegion }) },
        }),
      };
    }),
  };
}
