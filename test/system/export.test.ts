/**
 * export against the sandbox: the CloudFormation template, read back, is the request apply
 * sends for the same mission (as the Ground Station stand-in stored it); awscc HCL, read by
 * HashiCorp's parser, holds the same values under the provider's attribute names.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { parseTemplate } from '../../src/iac/read-template.ts';
import { requestFromCloudFormation } from '../../src/iac/request-shape.ts';
import { withoutOwnershipTags } from '../../src/ownership-tags.ts';
import type { CreateDataflowEndpointGroupV2Request } from '../../src/types.ts';
import { example, runMain } from '../helpers/cli.ts';

const MISSIONS = ['wideband-downlink.yaml', 'multi-downlink.yaml', 'uplink-and-downlink.yaml', 'narrowband.json'];

/** snake_case keys and tags as key/value objects: the awscc provider's schema, built independently of src/iac. */
function toAwscc(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAwscc);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      k === 'tags' ? Object.entries(v as object).map(([key, val]) => ({ key, value: val })) : toAwscc(v),
    ]),
  );
}

describe('export', () => {
  let sb: Sandbox;
  let dir: string;
  const sent = new Map<string, CreateDataflowEndpointGroupV2Request>();

  before(async () => {
    sb = await startSandbox();
    dir = await mkdtemp(join(tmpdir(), 'gsac-export-'));
    await writeFile(join(dir, 'facts.json'), (await runMain(['facts'], sb.env)).out);
    // What apply sends, for every example, as the Ground Station stand-in stored it (tool tags removed).
    for (const m of MISSIONS) {
      const r = await runMain(['apply', example(m), '--root', join(dir, m), '--json'], sb.env);
      assert.equal(r.code, 0, r.err);
      const g = sb.groundStation.groups.get(JSON.parse(r.out).dataflowEndpointGroupId)!;
      const tags = withoutOwnershipTags(g.tags);
      sent.set(m, {
        endpoints: g.endpoints,
        contactPrePassDurationSeconds: g.contactPrePassDurationSeconds,
        contactPostPassDurationSeconds: g.contactPostPassDurationSeconds,
        ...(Object.keys(tags).length && { tags }),
      });
    }
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const exportOf = async (m: string, format: string) => {
    const r = await runMain(['export', example(m), '--format', format, '--facts', join(dir, 'facts.json')], sb.env);
    assert.equal(r.code, 0, r.err);
    return r.out;
  };

  for (const m of MISSIONS) {
    test(`${m}: CloudFormation YAML and JSON, read back, are the request apply sends`, async () => {
      for (const format of ['cloudformation', 'cloudformation-json']) {
        const template = parseTemplate(await exportOf(m, format), `${m}.${format}`);
        const [id, ...others] = Object.keys(template.Resources);
        assert.deepEqual(others, []);
        assert.equal(template.Resources[id].Type, 'AWS::GroundStation::DataflowEndpointGroupV2');
        assert.deepEqual(requestFromCloudFormation(template.Resources[id].Properties!), sent.get(m));
        assert.deepEqual((template.Outputs as Record<string, { Value: unknown }>).DataflowEndpointGroupArn.Value, {
          'Fn::GetAtt': [id, 'Arn'],
        });
      }
    });

    test(`${m}: awscc HCL parses to the same values under the provider's attribute names`, async () => {
      const json = await parseHcl('main.tf', await exportOf(m, 'terraform-awscc'));
      const [name, ...others] = Object.keys(json.resource.awscc_groundstation_dataflow_endpoint_group_v2);
      assert.deepEqual(others, []);
      assert.deepEqual(json.resource.awscc_groundstation_dataflow_endpoint_group_v2[name], [toAwscc(sent.get(m))]);
      const output = Object.values(json.output as Record<string, Array<{ value: string }>>)[0][0];
      assert.equal(output.value, `\${awscc_groundstation_dataflow_endpoint_group_v2.${name}.arn}`);
    });
  }

  test("json is the raw request without the tool's own tags; --json wraps any format", async () => {
    assert.deepEqual(JSON.parse(await exportOf('multi-downlink.yaml', 'json')), sent.get('multi-downlink.yaml'));
    const r = await runMain(
      ['export', example('multi-downlink.yaml'), '--format', 'terraform-awscc', '--facts', join(dir, 'facts.json'), '--json'],
      sb.env,
    );
    const j = JSON.parse(r.out);
    assert.equal(j.format, 'terraform-awscc');
    assert.match(j.content, /^resource "awscc_groundstation_dataflow_endpoint_group_v2" "eo_multi" \{$/m);
    assert.doesNotMatch(j.content, /key\s*=\s*"gs-agent-config:/);
    assert.match(j.content, /key\s*=\s*"project"/);
  });

  test('the exported template passes check-template (exit 0)', async () => {
    const file = join(dir, 'exported.yaml');
    await writeFile(file, await exportOf('uplink-and-downlink.yaml', 'cloudformation'));
    const r = await runMain(['check-template', file]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /: 0 problems, 0 values not checked \(computed\), in 1 dataflow endpoint group/);
  });

  test('an invalid mission exits 2 before any output', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'name: m\ndataflows: []\n');
    const r = await runMain(['export', bad, '--facts', join(dir, 'facts.json')], sb.env);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
  });
});
