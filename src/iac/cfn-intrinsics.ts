/**
 * CloudFormation intrinsic functions in YAML: the short-form tags (`!Ref`, `!GetAtt`, `!Sub` …)
 * are read into their long JSON form (`{"Fn::GetAtt": ["X", "Arn"]}`), so a YAML and a JSON
 * template look the same to the checks, and `!Ref`/`!GetAtt` are written back in short form.
 */
import type { CollectionTag, ScalarTag } from 'yaml';

/** Short tag → long name, for every function CloudFormation accepts in short form. */
const FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  If: 'Fn::If',
  FindInMap: 'Fn::FindInMap',
  ImportValue: 'Fn::ImportValue',
  Split: 'Fn::Split',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
};

const singleKey = (v: unknown): string | undefined => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? keys[0] : undefined;
};

/** True for `{Ref: …}`, `{Condition: …}` and `{"Fn::…": …}`: a value CloudFormation computes at deploy time. */
export function isIntrinsic(v: unknown): v is Record<string, unknown> {
  const key = singleKey(v);
  return key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

/** `!GetAtt Eip.PublicIp`, `!Ref Port`, `!FindInMap […]`: how a computed value is named in messages. */
export function describeIntrinsic(v: Record<string, unknown>): string {
  const key = Object.keys(v)[0];
  const arg = v[key];
  const short = key.replace(/^Fn::/, '');
  if (key === 'Ref' && typeof arg === 'string') return `!Ref ${arg}`;
  if (key === 'Fn::GetAtt' && Array.isArray(arg)) return `!GetAtt ${arg.map(String).join('.')}`;
  return `!${short}`;
}

/** `!GetAtt A.B` (scalar form): the resource and the attribute, split at the first dot. */
function splitGetAtt(s: string): string[] {
  const dot = s.indexOf('.');
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

const refTag: ScalarTag = {
  tag: '!Ref',
  identify: (v) => singleKey(v) === 'Ref' && typeof (v as { Ref: unknown }).Ref === 'string',
  resolve: (s) => ({ Ref: s }),
  stringify: (item) => String((item.value as { Ref: string }).Ref),
};

const getAttTag: ScalarTag = {
  tag: '!GetAtt',
  identify: (v) => singleKey(v) === 'Fn::GetAtt' && Array.isArray((v as Record<string, unknown>)['Fn::GetAtt']),
  resolve: (s) => ({ 'Fn::GetAtt': splitGetAtt(s) }),
  stringify: (item) => (item.value as Record<string, string[]>)['Fn::GetAtt'].join('.'),
};

function tagsFor(short: string, long: string): Array<ScalarTag | CollectionTag> {
  const wrap = (value: unknown) => ({ [long]: value });
  const scalar: ScalarTag = { tag: `!${short}`, resolve: (s) => wrap(s) };
  const seq: CollectionTag = { tag: `!${short}`, collection: 'seq', resolve: (node) => wrap(node.toJSON()) };
  const map: CollectionTag = { tag: `!${short}`, collection: 'map', resolve: (node) => wrap(node.toJSON()) };
  return [scalar, seq, map];
}

/** customTags for the `yaml` package: read every short form, write `!Ref` and `!GetAtt` short. */
export const CFN_YAML_TAGS: Array<ScalarTag | CollectionTag> = [
  refTag,
  getAttTag,
  ...Object.entries(FUNCTIONS).flatMap(([short, long]) => (short === 'Ref' || short === 'GetAtt' ? [] : tagsFor(short, long))),
  // The sequence and mapping forms of the two above.
  ...tagsFor('Ref', 'Ref').slice(1),
  ...tagsFor('GetAtt', 'Fn::GetAtt').slice(1),
];
