/** check-template on templates written for these tests: the PBS-like wideband template, a V2 group with every problem, small cases. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkTemplate, formatFinding } from '../../../src/iac/check-template.ts';
import { parseTemplate } from '../../../src/iac/read-template.ts';
import { runMain } from '../../helpers/cli.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/templates/${name}`, import.meta.url));
const check = (text: string, file = 't.yaml') => checkTemplate(parseTemplate(text, file));
const problems = (text: string) =>
  check(text)
    .findings.filter((f) => f.severity === 'problem')
    .map(formatFinding);

const V1_AGENT = 'Properties.EndpointDetails[0].AwsGroundStationAgentEndpoint';

describe('check-template', () => {
  test("AWS's wideband PBS layout: egress port inside the range, range wider than the security group and the reserved ports (exit 6)", async () => {
    const r = await runMain(['check-template', fixture('pbs-agent-wideband.yaml')]);
    assert.equal(r.code, 6, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, -1), [
      `DataflowEndpointGroup ${V1_AGENT}.Name: not checked (computed: !Join)`,
      `DataflowEndpointGroup ${V1_AGENT}.IngressAddress.SocketAddress.Name: not checked (computed: !Ref ReceiverInstanceElasticIp)`,
      `DataflowEndpointGroup ${V1_AGENT}.EgressAddress.SocketAddress.Port: port 55000 lies inside its own agent ports 42000-55000: the agent receives Ground Station traffic there`,
      `DataflowEndpointGroup ${V1_AGENT}.IngressAddress.SocketAddress.PortRange: agent ports 50001-55000 are not open to inbound UDP in the template's security groups (ReceiverInstanceSecurityGroup opens UDP 42000-50000): Ground Station cannot reach the agent there`,
      `DataflowEndpointGroup ${V1_AGENT}.IngressAddress.SocketAddress.PortRange: agent ports 50001-55000 are not in net.ipv4.ip_local_reserved_ports (ReceiverInstance Properties.UserData.Fn::Base64.Fn::Sub reserves 42000-50000): Linux may give those ports to other programs and the contact fails`,
    ]);
    assert.match(
      lines.at(-1)!,
      /pbs-agent-wideband\.yaml: 3 problems, 2 values not checked \(computed\), in 1 dataflow endpoint group \(AWS::GroundStation::DataflowEndpointGroup\)$/,
    );
  });

  test('--json gives every finding with its severity', async () => {
    const r = await runMain(['check-template', fixture('pbs-agent-wideband.yaml'), '--json']);
    assert.equal(r.code, 6);
    const j = JSON.parse(r.out);
    assert.deepEqual(j.groups, [{ logicalId: 'DataflowEndpointGroup', type: 'AWS::GroundStation::DataflowEndpointGroup' }]);
    assert.equal(j.problems, 3);
    assert.equal(j.unchecked, 2);
    assert.ok(
      j.findings.every(
        (f: { logicalId: string; path: string; severity: string }) =>
          f.logicalId === 'DataflowEndpointGroup' && f.path.startsWith(V1_AGENT),
      ),
    );
  });

  test('a V2 group with one of every problem reports each of them, and computed values as not checked', () => {
    const { findings } = check(readFileSync(fixture('v2-every-problem.json'), 'utf8'), 'v2.json');
    const by = (severity: string) =>
      findings
        .filter((f) => f.severity === severity)
        .map((f) => `${f.path.replace(/DataflowDetails\.AgentConnectionDetails\./, '…')}: ${f.message.split(':')[0]}`);
    const ep = (i: number, kind = 'Downlink') => `Properties.Endpoints[${i}].${kind}AwsGroundStationAgentEndpoint`;
    assert.deepEqual(
      by('problem').sort(),
      [
        'Properties.ContactPostPassDurationSeconds: must be 30–480 seconds (got 500)',
        'Properties.ContactPrePassDurationSeconds: must be 30–480 seconds (got 20)',
        'Properties.Endpoints: has 13 endpoints; a group holds at most 12',
        `${ep(1)}.…AgentIpAndPortAddress.SocketAddress.PortRange: agent ports 42400-42699 overlap Endpoints[0]'s agent ports 42000-42499`,
        `${ep(1)}.…EgressAddressAndPort.SocketAddress.Port: port 42450 lies inside Endpoints[0]'s agent ports 42000-42499`,
        `${ep(1)}.…EgressAddressAndPort.SocketAddress.Port: port 42450 lies inside its own agent ports 42400-42699`,
        `${ep(2, 'Uplink')}.…AgentIpAndPortAddress.Mtu: MTU must be 1400–1500 (got 9001)`,
        `${ep(2, 'Uplink')}.…AgentIpAndPortAddress.SocketAddress.PortRange: agent ports 43000-43099 are 100 ports; AWS needs at least 300 contiguous ports`,
        `${ep(2, 'Uplink')}.…IngressAddressAndPort.Mtu: MTU must be 1400–1500 (got 1300)`,
        `${ep(2, 'Uplink')}.…IngressAddressAndPort.SocketAddress.Port: port 55000 is also used by Endpoints[0]`,
        `${ep(2, 'Uplink')}.Name: endpoint names are 1–256 letters, digits, spaces or _ `,
        `${ep(4)}.…AgentIpAndPortAddress.SocketAddress.Name: must be a literal IPv4 address`,
        `${ep(4)}.Name: endpoint name "sat-dl" is also used by Endpoints[0]`,
      ].sort(),
    );
    assert.deepEqual(by('unchecked'), [
      `${ep(3)}.Name: not checked (computed`,
      `${ep(3)}.DataflowDetails.AgentConnectionDetails: not checked (computed`,
    ]);
  });

  test("V1 durations are held to CloudFormation's 120–480 for that resource", () => {
    const t = readFileSync(fixture('pbs-agent-wideband.yaml'), 'utf8').replace(
      'ContactPrePassDurationSeconds: 120\n      ContactPostPassDurationSeconds: 120',
      'ContactPrePassDurationSeconds: 60\n      ContactPostPassDurationSeconds: 120',
    );
    assert.ok(
      problems(t).includes(
        "DataflowEndpointGroup Properties.ContactPrePassDurationSeconds: must be 120–480 seconds (CloudFormation's limit for the V1 resource; the API and the V2 resource allow 30) (got 60)",
      ),
    );
  });

  test('security group rules with computed ports are not judged; a group with neither kind of endpoint is', () => {
    const t = readFileSync(fixture('pbs-agent-wideband.yaml'), 'utf8').replace('ToPort: 50000', 'ToPort: !Ref TopPort');
    const f = check(t).findings.find((x) => x.message.startsWith('not checked against open to inbound UDP'));
    assert.equal(f?.severity, 'unchecked');
    const neither = problems(
      'Resources:\n  G:\n    Type: AWS::GroundStation::DataflowEndpointGroupV2\n    Properties:\n      Endpoints:\n        - {}\n',
    );
    assert.deepEqual(neither, [
      'G Properties.Endpoints[0]: must hold exactly one of DownlinkAwsGroundStationAgentEndpoint and UplinkAwsGroundStationAgentEndpoint',
    ]);
  });

  test('a document without Resources and a missing file are exit 2; a template without groups has no findings', async () => {
    const clean = await runMain(['check-template', fixture('../../../examples/iam/policy.json')]);
    assert.equal(clean.code, 2, 'a JSON document without Resources is not a template');
    assert.match(clean.err, /is not a CloudFormation template: it has no Resources section/);
    const missing = await runMain(['check-template', fixture('nope.yaml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^error: cannot read template .*nope\.yaml: no such file/);
    assert.doesNotMatch(missing.err, /\n\s+at /, 'no stack trace');
    assert.deepEqual(problems('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'), []);
  });
});
