/**
 * Writes the output of `iam-policy` into examples/iam/policy.json and into the CloudFormation
 * example's role (the `gs-agent-config` policy's Statement block); their tests keep them equal.
 *   node --import tsx scripts/sync-iam-examples.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { buildIamPolicy } from '../src/aws/iam-policy.ts';

const policy = buildIamPolicy();
writeFileSync('examples/iam/policy.json', `${JSON.stringify(policy, null, 2)}\n`);

const file = 'examples/cloudformation/agent-host.yaml';
const lines = readFileSync(file, 'utf8').split('\n');
const start = lines.findIndex((l, i) => l.trim() === 'Statement:' && lines[i - 3]?.trim() === '- PolicyName: gs-agent-config');
if (start < 0) throw new Error(`${file}: the gs-agent-config policy's Statement block was not found`);
let end = start + 1;
while (end < lines.length && !/^\s*- PolicyName:/.test(lines[end])) end++;
const indent = ' '.repeat(lines[start].indexOf('S') + 6);
const body = stringify(policy.Statement, { lineWidth: 0 })
  .trimEnd()
  .split('\n')
  .map((l) => indent + l);
writeFileSync(file, [...lines.slice(0, start + 1), ...body, ...lines.slice(end)].join('\n'));
