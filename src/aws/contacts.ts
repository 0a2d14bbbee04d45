/**
 * The contacts port: the Ground Station reads that tell whether a contact holds this host, and
 * how its mission profiles are wired (ListContacts, DescribeContact, GetMissionProfile,
 * GetConfig). Plain data out (contact-types.ts), every SDK failure mapped to the tool's errors,
 * every answer parsed once here; ListContacts and DescribeContact from the JSON the wire carried
 * (contacts-wire.ts, contacts-parse.ts), their Date headers measuring AWS's clock for the run.
 */
import {
  DescribeContactCommand,
  GetConfigCommand,
  GetMissionProfileCommand,
  ListContactsCommand,
  type ContactStatus,
} from '@aws-sdk/client-groundstation';
import { isToolError } from '../errors.ts';
import { buildClient, call, type AwsClientOptions } from './groundstation.ts';
import { IncompleteAnswerError } from './parse-group.ts';
import { CONTACT_ID, parseContactPage, parseDescribedContact } from './contacts-parse.ts';
import { readWireJson, type ClockObserver } from './contacts-wire.ts';
import type { ConfigInfo, ContactListing, DescribedContact, ListedContact, MissionProfileInfo } from './contact-types.ts';

export type {
  ConfigInfo,
  ContactDetail,
  ContactEndpoint,
  ContactListing,
  ContactSummary,
  DescribedContact,
  ListedContact,
  MissionProfileInfo,
  UnjudgedContact,
} from './contact-types.ts';

export interface ContactsPort {
  /**
   * Contacts in `statuses` that overlap [startMs, endMs], following nextToken up to
   * MAX_CONTACT_PAGES. A first page that cannot be read is thrown (exit 5, or 4 when refused);
   * a listing stopped later (a repeated token, too many pages, a later page unreadable) returns
   * what was read with `unfinished` saying why.
   */
  listContacts(q: { statuses: ContactStatus[]; startMs: number; endMs: number }): Promise<ContactListing>;
  /** Sound only when it answers for `id` with readable status, times and dataflows. */
  describeContact(id: string): Promise<DescribedContact>;
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

export interface ContactsPortOptions extends AwsClientOptions {
  /** The run's AWS clock: every contacts answer's Date header measures it. */
  clock?: ClockObserver;
}

export function createContactsPort(opts: ContactsPortOptions): ContactsPort {
  const client = buildClient(opts);
  const d = opts.deadline;

  const listPage = (q: Parameters<ContactsPort['listContacts']>[0], nextToken: string | undefined) =>
    call(
      'ListContacts',
      async () => {
        const command = new ListContactsCommand({
          statusList: q.statuses,
          startTime: new Date(q.startMs),
          endTime: new Date(q.endMs),
          maxResults: 100,
          nextToken,
        });
        return parseContactPage(await readWireJson(command.middlewareStack, () => client.send(command), opts.clock));
      },
      d,
    );

  // Bounded like every list call (paginate.ts); past the first page a listing that cannot be finished is returned as such.
  const listContacts: ContactsPort['listContacts'] = async (q) => {
    const contacts: ListedContact[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      let got;
      try {
        got = await listPage(q, token);
      } catch (err) {
        if (page === 1 || !isToolError(err)) throw err;
        return { contacts, unfinished: `page ${page} of ListContacts could not be read: ${err.message.split('\n')[0]}` };
      }
      contacts.push(...got.contacts);
      token = got.nextToken;
      if (token === undefined) return { contacts };
      if (seen.has(token)) return { contacts, unfinished: `ListContacts served the same page token twice (after ${page} pages)` };
      if (page >= MAX_CONTACT_PAGES) return { contacts, unfinished: `ListContacts had more than ${MAX_CONTACT_PAGES} pages` };
      seen.add(token);
    }
  };

  return {
    listContacts,
    describeContact: (id) => {
      // Ids come from a ListContacts answer: only the model's UUIDs go into a request path.
      if (!CONTACT_ID.test(id)) return Promise.resolve({ sound: false, contact: { problems: ['its contactId is not a UUID'] } });
      return call(
        'DescribeContact',
        async () => {
          const command = new DescribeContactCommand({ contactId: id });
          return parseDescribedContact(await readWireJson(command.middlewareStack, () => client.send(command), opts.clock), id);
        },
        d,
      );
    },
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
