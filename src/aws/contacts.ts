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
  ListContactsCommand,
  type ContactStatus,
} from '@aws-sdk/client-groundstation';
import { buildClient, call, type AwsClientOptions } from './groundstation.ts';
import { collectPages } from './paginate.ts';
import { IncompleteAnswerError } from './parse-group.ts';
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

/** A success without a field the guard needs: read again, then exit 5 (never a decision on half an answer). */
const malformed = (operation: string, what: string) =>
  new IncompleteAnswerError(
    `${operation} answered without ${what}; no disruptive step was taken. Retry ${operation}: run the command again in a moment.`,
  );

export function createContactsPort(opts: AwsClientOptions): ContactsPort {
  const client = buildClient(opts);

  const d = opts.deadline;
  // Bounded and checked like every list call (paginate.ts): a repeated token or too many pages is exit 5.
  const listContacts: ContactsPort['listContacts'] = (q) =>
    collectPages(
      'ListContacts',
      (nextToken) =>
        call(
          'ListContacts',
          async () => {
            const res = await client.send(
              new ListContactsCommand({
                statusList: q.statuses,
                startTime: new Date(q.startMs),
                endTime: new Date(q.endMs),
                maxResults: 100,
                nextToken,
              }),
            );
            return {
              items: (res.contactList ?? []).map((c) => parseContactData(c, 'ListContacts')),
              nextToken: res.nextToken || undefined,
            };
          },
          d,
        ),
      MAX_CONTACT_PAGES,
    );

  return {
    listContacts,
    describeContact: (id) =>
      call(
        'DescribeContact',
        async () => {
          const res = await client.send(new DescribeContactCommand({ contactId: id }));
          return { ...parseContactData(res, 'DescribeContact'), endpoints: parseDataflowEndpoints(res.dataflowList ?? []) };
        },
        d,
      ),
    getMissionProfile: (id) =>
      call(
        'GetMissionProfile',
        async () => {
          const res = await client.send(new GetMissionProfileCommand({ missionProfileId: id }));
          if (!res.missionProfileArn || !Array.isArray(res.dataflowEdges))
            throw malformed('GetMissionProfile', 'missionProfileArn or dataflowEdges');
          return {
            id: res.missionProfileId ?? id,
            arn: res.missionProfileArn,
            name: res.name ?? '',
            region: res.region,
            prePassSeconds: res.contactPrePassDurationSeconds,
            postPassSeconds: res.contactPostPassDurationSeconds,
            dataflowEdges: res.dataflowEdges.filter(
              (e): e is string[] => Array.isArray(e) && e.length === 2 && e.every((a) => typeof a === 'string'),
            ),
          };
        },
        d,
      ),
    getConfig: (type, id) =>
      call(
        'GetConfig',
        async () => {
          const res = await client.send(new GetConfigCommand({ configType: type as never, configId: id }));
          if (!res.configArn) throw malformed('GetConfig', 'configArn');
          const dfe = res.configData?.dataflowEndpointConfig;
          return {
            id: res.configId ?? id,
            arn: res.configArn,
            name: res.name ?? '',
            type: res.configType ?? type,
            ...(dfe &&
              typeof dfe.dataflowEndpointName === 'string' && {
                dataflowEndpoint: {
                  name: dfe.dataflowEndpointName,
                  ...(typeof dfe.dataflowEndpointRegion === 'string' && { region: dfe.dataflowEndpointRegion }),
                },
              }),
          };
        },
        d,
      ),
  };
}
