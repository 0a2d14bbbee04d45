/**
 * The contacts half of the hostile scenarios: what ListContacts and DescribeContact could
 * answer that the sandbox never does (an unknown status, reversed or string times, no dataflows,
 * another id, endless or garbled listings, control characters) and a host whose clock is off.
 * Each names the command it disturbs, when the contact is, the exit code the README documents
 * and what the one message must say; contacts-harness.ts checks the rest.
 */
import type { Corruption, Reply, Upstream } from './aws-proxy.ts';

export interface ContactsScenario {
  name: string;
  /** The disruptive command: apply of a changed mission (a replace), destroy, or destroy --orphans. */
  command: 'apply' | 'destroy' | 'orphans';
  /** The contact on the host's group: running now, starting in three minutes, or none at all. */
  contact: 'pass' | 'soon' | 'none';
  /** A fresh corruption per run (it may keep state: the first page it saw). */
  corrupt: () => Corruption;
  exit: 5 | 8;
  message: RegExp;
  /** Milliseconds the host's wall clock is ahead of AWS's (the sandbox's Date header). */
  hostClockAheadMs?: number;
  /** --deadline (seconds); default 30. */
  deadline?: number;
}

type Json = Record<string, unknown>;
export const LIST = 'groundstation:ListContacts';
export const DESCRIBE = 'groundstation:DescribeContact';
const pass: Reply = { kind: 'pass' };
const json = (u: Upstream): Json => JSON.parse(u.body.toString('utf8') || '{}') as Json;
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  kind: 'answer',
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
});

/** For the actions named, `f`; every other request passes. */
function on(actions: string[], f: (u: () => Promise<Upstream>, n: number, action: string) => Promise<Reply> | Reply): Corruption {
  return ({ action, n, upstream }) => (actions.includes(action) ? f(upstream, n, action) : pass);
}

/** Every contact of ListContacts' and DescribeContact's answers, edited by `f` (which answers: `actions`). */
function editContacts(f: (c: Json) => Json, actions = [LIST, DESCRIBE]): () => Corruption {
  return () =>
    on(actions, async (up, _n, action) => {
      const u = await up();
      if (u.status !== 200) return { kind: 'answer', status: u.status, headers: u.headers, body: u.body };
      const b = json(u);
      const edited = action === LIST ? { ...b, contactList: (b.contactList as Json[]).map(f) } : f(b);
      return answer(200, edited, u.headers);
    });
}

/** The first ListContacts page as the sandbox served it, then that page again and again with `token(n)` (the sandbox would refuse a made-up token). */
function pages(token: (n: number) => string): () => Corruption {
  return () => {
    let first: Json | undefined;
    return on([LIST], async (up, n) => {
      first ??= json(await up());
      return answer(200, { ...first, nextToken: token(n) });
    });
  };
}

const without = (key: string) => (c: Json) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== key));
const sides = (c: Json, f: (side: Json) => Json): Json => ({
  ...c,
  dataflowList: (c.dataflowList as Json[]).map((d) => ({ ...d, source: f(d.source as Json), destination: f(d.destination as Json) })),
});
const uuid = (i: number) => `0a1b2c3d-4e5f-4a6b-8c7d-${String(i).padStart(12, '0')}`;
const HTML_500 = '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

export const contactsScenarios: ContactsScenario[] = [
  {
    name: 'a running contact with a status the model does not know',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message: /deferred: contact [0-9a-f-]{36} could not be judged: status "NEWSTATUS" is unknown; treated as holding this host/,
    corrupt: editContacts((c) => ({ ...c, contactStatus: 'NEWSTATUS' })),
  },
  {
    name: 'a running contact whose end is before its start',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message: /could not be judged: its endTime is before its startTime/,
    corrupt: editContacts((c) => ({ ...c, endTime: (c.startTime as number) - 600 })),
  },
  {
    name: 'a contact three minutes away whose times come as strings',
    command: 'apply',
    contact: 'soon',
    exit: 8,
    message: /could not be judged: startTime is a string \("\d+(\.\d+)?"\), not epoch seconds/,
    corrupt: editContacts((c) => ({
      ...c,
      ...Object.fromEntries(['startTime', 'endTime', 'prePassStartTime', 'postPassEndTime'].map((k) => [k, String(c[k])])),
    })),
  },
  {
    name: 'DescribeContact without its dataflowList',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message: /could not be judged: DescribeContact answered without dataflowList/,
    corrupt: editContacts(without('dataflowList'), [DESCRIBE]),
  },
  {
    name: 'DescribeContact without configDetails on its dataflow-endpoint side',
    command: 'apply',
    contact: 'soon',
    exit: 8,
    message: /could not be judged: dataflow 1's destination \(a dataflow-endpoint config\) has no configDetails\.endpointDetails/,
    corrupt: editContacts((c) => sides(c, without('configDetails')), [DESCRIBE]),
  },
  {
    name: 'DescribeContact answers for another contact id',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message: /could not be judged: DescribeContact answered for another contact \("0a1b2c3d-/,
    corrupt: editContacts((c) => ({ ...c, contactId: uuid(7) }), [DESCRIBE]),
  },
  {
    name: 'ListContacts serves the same page and nextToken for ever (no contact)',
    command: 'apply',
    contact: 'none',
    exit: 8,
    message: /deferred: the contact listing could not be finished \(ListContacts served the same page token twice \(after 2 pages\)\)/,
    corrupt: pages(() => 'c2FtZS10b2tlbg=='),
  },
  {
    name: 'ListContacts never ends (a new token every page) while a contact runs',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message:
      /deferred: contact [0-9a-f-]{36} \(satellite .* PASS\) holds this host[\s\S]*also: the contact listing could not be finished \(ListContacts had more than 20 pages\)/,
    corrupt: pages((n) => `dG9rZW4t${n}`),
  },
  {
    name: 'ListContacts answers an HTML 500 page every time: nothing could be read',
    command: 'apply',
    contact: 'pass',
    exit: 5,
    message: /ListContacts failed/,
    corrupt: () => on([LIST], () => answer(500, HTML_500, { 'content-type': 'text/html' })),
  },
  {
    name: 'ListContacts answers JSON that is not a listing',
    command: 'apply',
    contact: 'pass',
    exit: 5,
    message: /ListContacts answered a page that is not a contact listing/,
    corrupt: () => on([LIST], () => answer(200, { contactList: 'soon' })),
  },
  {
    name: 'ListContacts answers a 200 whose JSON is cut off (garbled): nothing could be read',
    command: 'apply',
    contact: 'pass',
    exit: 5,
    message: /ListContacts/,
    corrupt: () => on([LIST], () => answer(200, '{"contactList":[{"contactId":"0a1b2c3d-4e5f-4a6b-8c7d-')),
  },
  {
    name: 'DescribeContact answers garbled JSON for a running contact: that contact could not be judged',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message:
      /deferred: contact [0-9a-f-]{36} could not be judged: its DescribeContact answer could not be read \(.*\); treated as holding this host/,
    corrupt: () => on([DESCRIBE], () => answer(200, '{"contactId": "\u001b[2J')),
  },
  {
    name: 'DescribeContact never answers for a contact three minutes away (--deadline 10)',
    command: 'apply',
    contact: 'soon',
    exit: 8,
    deadline: 10,
    message: /could not be judged: its DescribeContact answer could not be read/,
    corrupt: () => on([DESCRIBE], () => ({ kind: 'hang' })),
  },
  {
    name: 'ListContacts never answers (--deadline 8)',
    command: 'apply',
    contact: 'pass',
    exit: 5,
    deadline: 8,
    message: /ListContacts/,
    corrupt: () => on([LIST], () => ({ kind: 'hang' })),
  },
  {
    name: `ListContacts lists ${201} running contacts: more than the guard describes`,
    command: 'apply',
    contact: 'pass',
    exit: 5,
    message: /201 contacts run, start within the guard window or could not be judged from ListContacts; at most 200 are described/,
    corrupt: editContactsList((c) => Array.from({ length: 201 }, (_, i) => ({ ...c, contactId: uuid(i) }))),
  },
  {
    name: 'control characters in a running contact’s ground station, satellite and status',
    command: 'apply',
    contact: 'pass',
    exit: 8,
    message: /could not be judged: status "PASS\\x1b\]0;owned\\x07" is unknown/,
    corrupt: editContacts((c) => ({
      ...c,
      contactStatus: 'PASS\u001b]0;owned\u0007',
      groundStation: 'Ohio\u001b[2J\r 1',
      satelliteArn: `${String(c.satelliteArn)}\u009b31m`,
    })),
  },
  {
    name: 'a contact three minutes away, seen by a host whose clock is an hour ahead',
    command: 'apply',
    contact: 'soon',
    exit: 8,
    hostClockAheadMs: 3_600_000,
    message:
      /deferred: contact [0-9a-f-]{36} \(satellite .* SCHEDULED\) holds this host until [\s\S]*this host's clock is 3600 s ahead of AWS's/,
    corrupt: () => () => pass,
  },
  {
    name: 'destroy during a contact with a status the model does not know',
    command: 'destroy',
    contact: 'pass',
    exit: 8,
    message:
      /refused: contact [0-9a-f-]{36} could not be judged: status "NEWSTATUS" is unknown; treated as holding this host; destroy would delete the group it uses/,
    corrupt: editContacts((c) => ({ ...c, contactStatus: 'NEWSTATUS' })),
  },
  {
    name: 'destroy --orphans while a contact on the orphan has no dataflowList',
    command: 'orphans',
    contact: 'pass',
    exit: 8,
    message:
      /refused: contact [0-9a-f-]{36} could not be judged: DescribeContact answered without dataflowList; treated as holding this host; destroy --orphans would delete the group it uses/,
    corrupt: editContacts(without('dataflowList'), [DESCRIBE]),
  },
];

/** ListContacts' first contact made into the list `f` returns. */
function editContactsList(f: (c: Json) => Json[]): () => Corruption {
  return () =>
    on([LIST], async (up) => {
      const u = await up();
      const b = json(u);
      return answer(200, { ...b, contactList: f((b.contactList as Json[])[0]) }, u.headers);
    });
}
