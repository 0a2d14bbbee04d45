/**
 * examples/cloudformation/fleet-association.yaml, the State Manager association that keeps a
 * fleet converged. Checked in every CI run against the CloudFormation resource schema of
 * AWS::SSM::Association (test/fixtures/cfn-schemas/, exported from cfn-lint 1.51.0's bundled
 * us-east-1 schemas), with its parameters' defaults (and sample values) in place of the
 * intrinsics; and with cfn-lint itself, no finding allowed, on machines that have it (cfn-lint
 * cannot be installed in CI: PyPI is not reachable there and Debian has no package; the test says
 * so in its diagnostics rather than passing silently).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseTemplate } from '../../../src/iac/read-template.ts';
import { REPO } from '../../helpers/cli.ts';

const TEMPLATE = join(REPO, 'examples/cloudformation/fleet-association.yaml');
const DOCUMENT = join(REPO, 'examples/ssm/gs-agent-config-apply.json');
const SCHEMA = join(REPO, 'test/fixtures/cfn-schemas/aws-ssm-association.json');

type Json = unknown;
const SAMPLES: Record<string, string> = { MissionS3Uri: 's3://my-missions/noaa20-wideband.yaml', OutputBucket: 'my-ssm-output' };

/** The template's value with every intrinsic resolved from the parameters (Fn::If takes its true branch). */
function resolve(v: Json, params: Record<string, string>): Json {
  if (Array.isArray(v)) return v.map((x) => resolve(x, params)).filter((x) => x !== undefined);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, Json>;
  if ('Ref' in o) return o.Ref === 'AWS::NoValue' ? undefined : (params[o.Ref as string] ?? String(o.Ref));
  if ('Fn::Sub' in o) return (o['Fn::Sub'] as string).replace(/\$\{([\w:]+)\}/g, (_, n: string) => params[n] ?? 'stack');
  if ('Fn::If' in o) return resolve((o['Fn::If'] as Json[])[1], params);
  return Object.fromEntries(
    Object.entries(o)
      .map(([k, x]) => [k, resolve(x, params)] as const)
      .filter(([, x]) => x !== undefined),
  );
}

test('the association validates against the AWS::SSM::Association resource schema', async () => {
  const template = parseTemplate(await readFile(TEMPLATE, 'utf8'), TEMPLATE);
  const declared = (template.Parameters ?? {}) as Record<string, { Default?: string }>;
  const params = Object.fromEntries(Object.entries(declared).map(([k, p]) => [k, SAMPLES[k] ?? p.Default ?? '']));
  const schema = JSON.parse(await readFile(SCHEMA, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile({ ...schema, $schema: undefined });
  const associations = Object.values(template.Resources).filter((r) => r.Type === 'AWS::SSM::Association');
  assert.equal(associations.length, 1);
  const props = resolve(associations[0].Properties, params) as Record<string, unknown>;
  assert.ok(validate(props), JSON.stringify(validate.errors, null, 2));
  // What the fleet runbook relies on.
  assert.deepEqual(props.Targets, [{ Key: 'tag:gs-agent-config:fleet', Values: ['noaa20-wideband'] }]);
  assert.equal(props.ScheduleExpression, 'rate(30 minutes)');
  assert.deepEqual(props.Parameters, { missionS3Uri: [SAMPLES.MissionS3Uri], reportCompliance: ['true'] });
  // Every parameter it passes is one the Command document declares, with a value the document allows.
  const doc = JSON.parse(await readFile(DOCUMENT, 'utf8')) as {
    parameters: Record<string, { allowedPattern?: string; allowedValues?: string[] }>;
  };
  for (const [name, [value]] of Object.entries(props.Parameters as Record<string, string[]>)) {
    const p = doc.parameters[name];
    assert.ok(p, `${name} is not a parameter of the document`);
    assert.ok(p.allowedValues ? p.allowedValues.includes(value) : new RegExp(p.allowedPattern!).test(value), `${name}=${value}`);
  }
});

test('cfn-lint finds nothing in the association (where cfn-lint is installed)', (t) => {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    t.diagnostic('cfn-lint is not installed on this machine (PyPI is unreachable in CI): the schema check above is what ran');
    return;
  }
  const r = spawnSync('cfn-lint', [TEMPLATE], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `${probe.stdout.trim()}:\n${r.stdout}${r.stderr}`);
});
