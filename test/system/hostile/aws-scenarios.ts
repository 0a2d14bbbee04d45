/**
 * The AWS half of the hostile scenarios: what Ground Station, EC2 and the tagging API could
 * answer that the sandbox never does. Each names the exit code the README documents for it and
 * what the message must say; run-aws-scenario.ts checks the rest (one message, no stack, within
 * the deadline, no temp file, exactly one group after a plain re-run, the kept group kept).
 */
import type { Corruption, Reply, Upstream } from './aws-proxy.ts';

export interface AwsScenario {
  name: string;
  /** `same-root`: a plain apply in the same root first (state file present); `lost-state`: in another root (the group exists, this root has no state). */
  setup?: 'same-root' | 'lost-state';
  /** The role may not call tag:GetResources (discovery falls back to the scan). */
  denyTagging?: boolean;
  /** Apply a changed mission (a replace) instead of the same one. */
  changed?: boolean;
  corrupt: Corruption;
  exit: number;
  message?: RegExp;
  /** --deadline for the run (seconds); default 30. */
  deadline?: number;
  /** The group made by the setup is the one kept (never deleted). */
  keepsSetupGroup?: boolean;
}

type Json = Record<string, unknown>;
const pass: Reply = { kind: 'pass' };
const json = (u: Upstream): Json => JSON.parse(u.body.toString('utf8') || '{}') as Json;
const answer = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  kind: 'answer',
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
});
const HTML_500 = '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';
const html = (status: number): Reply => answer(status, HTML_500, { 'content-type': 'text/html' });

/**
 * The first page of `action` as the sandbox served it, then (without asking the sandbox, which
 * would refuse a made-up token) that same page again and again, with `token(n)` as next token.
 */
function pagesFor(action: string, tokenKey: string, token: (n: number) => string): Corruption {
  let first: Json | undefined;
  return on(action, async (up, n) => {
    first ??= json(await up());
    return answer(200, { ...first, [tokenKey]: token(n) });
  });
}

/** For `action` (a prefix ending in `*` matches several), apply `f`; pass everything else. */
function on(action: string, f: (u: () => Promise<Upstream>, n: number) => Promise<Reply> | Reply): Corruption {
  const match = action.endsWith('*') ? (a: string) => a.startsWith(action.slice(0, -1)) : (a: string) => a === action;
  return ({ action: a, n, upstream }) => (match(a) ? f(upstream, n) : pass);
}

/** The upstream JSON answer, edited. */
function edit(action: string, f: (body: Json, n: number) => unknown, when: (n: number) => boolean = () => true): Corruption {
  return on(action, async (up, n) => {
    const u = await up();
    if (!when(n) || u.status !== 200) return { kind: 'answer', status: u.status, headers: u.headers, body: u.body };
    return answer(200, f(json(u), n), u.headers);
  });
}

const GS_GET = 'groundstation:GetDataflowEndpointGroup';
const GS_LIST = 'groundstation:ListDataflowEndpointGroups';
const GS_CREATE = 'groundstation:CreateDataflowEndpointGroupV2';
const TAG_GET = 'tagging:GetResources';

export const awsScenarios: AwsScenario[] = [
  // Identity by id: a group named twice is one group, and the kept one is never deleted.
  {
    name: 'GetResources names the group twice (lost state)',
    setup: 'lost-state',
    exit: 0,
    keepsSetupGroup: true,
    corrupt: edit(TAG_GET, (b) => ({
      ...b,
      ResourceTagMappingList: [...(b.ResourceTagMappingList as unknown[]), ...(b.ResourceTagMappingList as unknown[])],
    })),
  },
  {
    name: 'ListDataflowEndpointGroups repeats its page (tagging denied, lost state)',
    setup: 'lost-state',
    denyTagging: true,
    exit: 0,
    keepsSetupGroup: true,
    corrupt: edit(GS_LIST, (b) => ({
      ...b,
      dataflowEndpointGroupList: [...(b.dataflowEndpointGroupList as unknown[]), ...(b.dataflowEndpointGroupList as unknown[])],
    })),
  },
  {
    name: 'ListDataflowEndpointGroups serves the same page and nextToken again (tagging denied)',
    setup: 'lost-state',
    denyTagging: true,
    exit: 5,
    message: /same page token twice/,
    corrupt: pagesFor(GS_LIST, 'nextToken', () => 'c2FtZS10b2tlbg=='),
  },
  {
    name: 'GetResources serves the same PaginationToken for ever',
    setup: 'lost-state',
    exit: 5,
    message: /GetResources served the same page token twice/,
    corrupt: pagesFor(TAG_GET, 'PaginationToken', () => 'again'),
  },
  {
    name: 'ListDataflowEndpointGroups never ends (a new token every page)',
    setup: 'lost-state',
    denyTagging: true,
    exit: 5,
    message: /more than 50 pages/,
    corrupt: pagesFor(GS_LIST, 'nextToken', (n) => `dG9rZW4t${n}`),
  },
  {
    name: 'tag:GetResources refused: the scan finds the group',
    setup: 'lost-state',
    denyTagging: true,
    exit: 0,
    keepsSetupGroup: true,
    corrupt: () => pass,
  },
  // Read your own writes: eventually consistent tags and groups.
  {
    name: 'GetDataflowEndpointGroup shows no tags yet for the group in the state file',
    setup: 'same-root',
    exit: 0,
    keepsSetupGroup: true,
    corrupt: edit(GS_GET, (b) => ({ ...b, tags: {} })),
  },
  {
    name: 'a new group is not visible for its first two reads',
    exit: 0,
    corrupt: on(GS_GET, async (up, n) =>
      n <= 2
        ? answer(404, { message: 'not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException' })
        : { kind: 'answer', ...(await up()) },
    ),
  },
  {
    name: 'a new group reads back without its tags at first',
    exit: 0,
    corrupt: edit(
      GS_GET,
      (b) => ({ ...b, tags: {} }),
      (n) => n <= 2,
    ),
  },
  {
    name: 'a new group reads back with other endpoints than were sent, for ever',
    exit: 5,
    message: /reading it back does not give what was sent/,
    corrupt: edit(GS_GET, (b) => ({ ...b, contactPrePassDurationSeconds: 7 })),
  },
  {
    name: 'the create answer has no dataflowEndpointGroupId',
    exit: 0,
    corrupt: on(GS_CREATE, async (up, n) => (n === 1 ? (await up(), answer(200, {})) : { kind: 'answer', ...(await up()) })),
  },
  {
    name: 'the create answer is JSON null',
    exit: 0,
    corrupt: on(GS_CREATE, async (up, n) => (n === 1 ? (await up(), answer(200, 'null')) : { kind: 'answer', ...(await up()) })),
  },
  {
    name: 'the create answer is cut short',
    exit: 0,
    corrupt: on(GS_CREATE, async (up, n) =>
      n === 1
        ? (await up(), { kind: 'truncate', status: 200, body: '{"dataflowEndp', declaredLength: 60 })
        : { kind: 'answer', ...(await up()) },
    ),
  },
  // Garbage is transient (exit 5), not a refusal (exit 4).
  {
    name: 'Ground Station answers an HTML 500 page',
    exit: 5,
    message: /GetResources|ListDataflowEndpointGroups|GetDataflowEndpointGroup/,
    corrupt: on('groundstation:*', () => html(500)),
  },
  { name: 'the tagging API answers an HTML 502 page', exit: 5, message: /GetResources/, corrupt: on(TAG_GET, () => html(502)) },
  {
    name: 'Ground Station answers a 403 HTML page (a proxy, not the service)',
    setup: 'same-root',
    exit: 5,
    message: /GetDataflowEndpointGroup/,
    corrupt: on(GS_GET, () => html(403)),
  },
  {
    name: 'GetDataflowEndpointGroup answers JSON null',
    setup: 'same-root',
    exit: 5,
    message: /GetDataflowEndpointGroup/,
    corrupt: on(GS_GET, () => answer(200, 'null')),
  },
  {
    name: 'GetDataflowEndpointGroup answers a JSON array',
    setup: 'same-root',
    exit: 5,
    message: /GetDataflowEndpointGroup/,
    corrupt: on(GS_GET, () => answer(200, '[]')),
  },
  {
    name: 'GetDataflowEndpointGroup answers truncated JSON',
    setup: 'same-root',
    exit: 5,
    message: /GetDataflowEndpointGroup/,
    corrupt: on(GS_GET, () => ({ kind: 'truncate', status: 200, body: '{"dataflowEndpointGroupId":"', declaredLength: 400 })),
  },
  {
    name: 'GetDataflowEndpointGroup answers 50 MB (announced)',
    setup: 'same-root',
    exit: 5,
    message: /cap/,
    corrupt: on(GS_GET, () => ({ kind: 'flood', status: 200, bytes: 50 * 1024 * 1024, declare: true })),
  },
  {
    name: 'GetDataflowEndpointGroup answers 50 MB (chunked)',
    setup: 'same-root',
    exit: 5,
    message: /cap/,
    corrupt: on(GS_GET, () => ({ kind: 'flood', status: 200, bytes: 50 * 1024 * 1024, declare: false })),
  },
  {
    name: "GetDataflowEndpointGroup answers another group's id",
    setup: 'same-root',
    exit: 5,
    message: /dataflowEndpointGroupId/,
    corrupt: edit(GS_GET, (b) => ({ ...b, dataflowEndpointGroupId: '11111111-2222-4333-8444-555555555555' })),
  },
  {
    name: 'GetDataflowEndpointGroup answers a port range as strings',
    setup: 'same-root',
    exit: 5,
    message: /port range/,
    corrupt: edit(GS_GET, (b) => JSON.parse(JSON.stringify(b).replace(/"minimum":(\d+)/g, '"minimum":"$1"'))),
  },
  {
    name: 'ListDataflowEndpointGroups entries without an ARN (tagging denied)',
    setup: 'lost-state',
    denyTagging: true,
    exit: 5,
    message: /dataflowEndpointGroupArn/,
    corrupt: edit(GS_LIST, (b) => ({
      ...b,
      dataflowEndpointGroupList: (b.dataflowEndpointGroupList as Json[]).map((g) => ({
        dataflowEndpointGroupId: g.dataflowEndpointGroupId,
      })),
    })),
  },
  {
    name: 'a 400 without an error code is not a typed refusal',
    setup: 'same-root',
    exit: 5,
    message: /not a typed refusal/,
    corrupt: on(GS_GET, () => answer(400, { message: 'something went wrong' })),
  },
  {
    name: 'a well-formed AccessDeniedException is a refusal (exit 4)',
    setup: 'same-root',
    exit: 4,
    message: /AccessDeniedException/,
    corrupt: on(GS_GET, () =>
      answer(
        403,
        { message: 'User is not authorized to perform: groundstation:GetDataflowEndpointGroup' },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      ),
    ),
  },
  {
    name: 'Ground Station throttles for ever',
    setup: 'same-root',
    exit: 5,
    message: /ThrottlingException/,
    corrupt: on('groundstation:*', () => answer(429, { message: 'Rate exceeded' }, { 'x-amzn-errortype': 'ThrottlingException' })),
  },
  {
    name: 'EC2 throttles for ever',
    exit: 5,
    message: /DescribeAddresses/,
    corrupt: on('ec2:*', () =>
      answer(
        503,
        '<?xml version="1.0"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>x</RequestID></Response>',
        { 'content-type': 'text/xml' },
      ),
    ),
  },
  { name: 'EC2 answers an HTML 500 page', exit: 5, message: /DescribeAddresses/, corrupt: on('ec2:*', () => html(500)) },
  {
    name: 'EC2 answers truncated XML',
    exit: 5,
    message: /DescribeAddresses/,
    corrupt: on('ec2:DescribeAddresses', () => ({
      kind: 'truncate',
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0"?><DescribeAddressesResponse><addressesSet>',
      declaredLength: 4000,
    })),
  },
  {
    name: 'EC2 answers 200 with an empty body',
    exit: 5,
    message: /DescribeAddresses/,
    corrupt: on('ec2:DescribeAddresses', () => answer(200, '', { 'content-type': 'text/xml' })),
  },
  // Bounded time: silence and trickles end at the deadline, naming the call.
  {
    name: 'EC2 accepts the connection and never answers',
    exit: 5,
    deadline: 3,
    message: /deadline.*DescribeAddresses|DescribeAddresses.*deadline/,
    corrupt: on('ec2:*', () => ({ kind: 'hang' })),
  },
  {
    name: 'Ground Station never answers',
    setup: 'same-root',
    exit: 5,
    deadline: 3,
    message: /deadline.*GetDataflowEndpointGroup/,
    corrupt: on('groundstation:*', () => ({ kind: 'hang' })),
  },
  {
    name: 'Ground Station trickles its answer one byte a second',
    setup: 'same-root',
    exit: 5,
    deadline: 3,
    message: /deadline.*GetDataflowEndpointGroup/,
    corrupt: on(GS_GET, async (up) => ({ kind: 'trickle', status: 200, body: (await up()).body.toString('utf8'), bytesPerSecond: 1 })),
  },
  {
    name: 'the tagging API never answers',
    setup: 'lost-state',
    exit: 5,
    deadline: 3,
    message: /deadline.*GetResources/,
    corrupt: on(TAG_GET, () => ({ kind: 'hang' })),
  },
  // A replace under fire: the old group is deleted only once the new one is confirmed.
  {
    name: 'a replace whose new group reads back wrong keeps both until a re-run',
    setup: 'same-root',
    changed: true,
    exit: 5,
    message: /reading it back/,
    corrupt: edit(GS_GET, (b, n) => (n >= 2 ? { ...b, contactPostPassDurationSeconds: 1 } : b)),
  },
  {
    name: 'a replace whose delete keeps failing with 500',
    setup: 'same-root',
    changed: true,
    exit: 5,
    message: /DeleteDataflowEndpointGroup/,
    corrupt: on('groundstation:DeleteDataflowEndpointGroup', () =>
      answer(500, { message: 'internal' }, { 'x-amzn-errortype': 'InternalServerException' }),
    ),
  },
];
