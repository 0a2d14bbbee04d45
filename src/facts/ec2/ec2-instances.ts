/**
 * Which instances are gone, for finding orphaned groups: only POSITIVE evidence makes one gone.
 * EC2 answering `InvalidInstanceID.NotFound` for exactly that id, or listing it as `terminated`
 * or `shutting-down` in an answer read to its end. An empty list, an id missing from the answer,
 * an answer for another id, a state value EC2 did not document, a listing not read to its end
 * or any error is no evidence: that instance is `unknown`, and nothing is deleted for it.
 */
import { AwsCallError, TransientError } from '../../errors.ts';
import { mapAwsError } from '../../aws/map-aws-error.ts';
import { INSTANCE_ID_PATTERN } from '../../ownership-tags.ts';
import { RUN_DEADLINE_ERROR } from '../../run-deadline.ts';
import { withClient, type Ec2Client, type Ec2FactsOptions, type Ec2Module } from './ec2.ts';

export type InstanceVerdict = { state: 'live' | 'gone' | 'unknown'; evidence: string };

/** Ids per DescribeInstances call (the API takes many; a small batch keeps one bad id's fallback cheap). */
const BATCH = 100;
/** With InstanceIds EC2 answers in one page; more than this many pages is a listing that does not end. */
const MAX_PAGES = 5;
/** Single-id calls in flight after a batch was answered InvalidInstanceID.NotFound. */
const CONCURRENCY = 4;

const GONE = new Set(['terminated', 'shutting-down']);
const LIVE = new Set(['pending', 'running', 'stopping', 'stopped']);
const NOT_FOUND = 'InvalidInstanceID.NotFound';

/** The first line of a failure, for the evidence of an `unknown`. */
function why(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/** A run-deadline failure ends the run like everywhere else; any other failure is only no evidence. */
function isDeadline(err: unknown): boolean {
  return (
    (err as { cause?: { name?: string } })?.cause?.name === RUN_DEADLINE_ERROR || (err as { name?: string })?.name === RUN_DEADLINE_ERROR
  );
}

type Seen = Map<string, Set<string>>;

/** Every page of DescribeInstances for `ids`, each instance's state names by id; throws when the listing cannot be finished. */
async function describe(sdk: Ec2Module, client: Ec2Client, ids: string[]): Promise<Seen> {
  const seen: Seen = new Map();
  const tokens = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const out = await client.send(new sdk.DescribeInstancesCommand({ InstanceIds: ids, NextToken: token }));
    for (const r of out.Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        if (typeof i.InstanceId !== 'string') continue; // an entry without its id proves nothing
        const states = seen.get(i.InstanceId) ?? new Set<string>();
        states.add(typeof i.State?.Name === 'string' ? i.State.Name : '(none)');
        seen.set(i.InstanceId, states);
      }
    }
    token = out.NextToken || undefined;
    if (token === undefined) return seen;
    if (tokens.has(token) || page >= MAX_PAGES)
      throw new TransientError(
        `DescribeInstances was not read to its end (${tokens.has(token) ? 'the same page token twice' : `more than ${MAX_PAGES} pages`})`,
      );
    tokens.add(token);
  }
}

/** What a complete answer says of `id`. */
function verdictOf(id: string, seen: Seen): InstanceVerdict {
  const states = [...(seen.get(id) ?? [])];
  if (states.length === 0) return { state: 'unknown', evidence: 'EC2 did not list it (an empty or partial answer is no evidence)' };
  if (states.every((s) => GONE.has(s))) return { state: 'gone', evidence: `EC2: state ${states.join(', ')}` };
  if (states.every((s) => LIVE.has(s))) return { state: 'live', evidence: `EC2: state ${states.join(', ')}` };
  return {
    state: 'unknown',
    evidence: `EC2 gave the state "${states.join(', ').slice(0, 80)}", not one it documents for a single instance`,
  };
}

async function judgeBatch(sdk: Ec2Module, client: Ec2Client, ids: string[], out: Map<string, InstanceVerdict>): Promise<void> {
  try {
    const seen = await describe(sdk, client, ids);
    for (const id of ids) out.set(id, verdictOf(id, seen));
  } catch (e) {
    const err = mapAwsError('DescribeInstances', e);
    if (isDeadline(err)) throw err;
    const notFound = err instanceof AwsCallError && err.code === NOT_FOUND;
    if (notFound && ids.length === 1) {
      out.set(ids[0], { state: 'gone', evidence: `EC2: ${NOT_FOUND}` });
      return;
    }
    // Which of several ids does not exist: one call each (the error's text is not parsed).
    if (notFound) return judgeEach(sdk, client, ids, out);
    for (const id of ids) out.set(id, { state: 'unknown', evidence: `DescribeInstances gave no answer to judge: ${why(err)}` });
  }
}

async function judgeEach(sdk: Ec2Module, client: Ec2Client, ids: string[], out: Map<string, InstanceVerdict>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await judgeBatch(sdk, client, [ids[next++]], out);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
}

/** A verdict for each id asked: `gone` only on positive evidence. */
export async function readInstanceStates(opts: Ec2FactsOptions, ids: string[]): Promise<Map<string, InstanceVerdict>> {
  const out = new Map<string, InstanceVerdict>();
  const asked = [...new Set(ids)];
  for (const id of asked.filter((i) => !INSTANCE_ID_PATTERN.test(i)))
    out.set(id, { state: 'unknown', evidence: "the group's instance-id tag is not an EC2 instance id" });
  const valid = asked.filter((i) => INSTANCE_ID_PATTERN.test(i));
  if (valid.length === 0) return out;
  await withClient(opts, async (sdk, client) => {
    for (let i = 0; i < valid.length; i += BATCH) await judgeBatch(sdk, client, valid.slice(i, i + BATCH), out);
  });
  return out;
}
