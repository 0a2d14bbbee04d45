/**
 * examples/cloudformation/agent-host.yaml: read with the tool's own CloudFormation reader (YAML
 * with intrinsic tags), the expected resources wired together, the tool's policy exactly as
 * `iam-policy` prints it, and the user data, rendered as !Sub would, valid for `cloud-init schema`.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseTemplate, type CfnTemplate } from '../../../src/iac/read-template.ts';
import { REPO, runMain } from '../../helpers/cli.ts';
import { cloudInitSchema } from './cloud-init-schema.ts';

const TEMPLATE = join(REPO, 'examples/cloudformation/agent-host.yaml');
let text: string;
let t: CfnTemplate;
before(async () => {
  text = await readFile(TEMPLATE, 'utf8');
  t = parseTemplate(text, TEMPLATE);
});

// Template data is untyped JSON; the assertions are the type checks.
type Props = Record<string, any>;
const props = (id: string, type: string): Props => {
  const r = t.Resources[id];
  assert.ok(r, `no resource ${id}`);
  assert.equal(r.Type, type, id);
  return r.Properties as Props;
};

/** The !Sub user-data string with its ${...} filled in, as CloudFormation would. */
function renderUserData(): string {
  const ud = props('AgentInstance', 'AWS::EC2::Instance').UserData;
  const sub = ud['Fn::Base64']['Fn::Sub'];
  assert.equal(typeof sub, 'string');
  const values: Record<string, string> = {
    ArtifactBucket: 'my-bucket',
    BundleKey: (t.Parameters as Props).BundleKey.Default,
    MissionKey: (t.Parameters as Props).MissionKey.Default,
  };
  return sub.replace(/\$\{([\w:]+)\}/g, (_: string, name: string) => {
    assert.ok(name in values, `user data uses \${${name}}, which is not a parameter it should need`);
    return values[name];
  });
}

test('the resources of an agent host: instance, Elastic IP on an interface, security group, role, profile', () => {
  const types = Object.fromEntries(Object.entries(t.Resources).map(([id, r]) => [id, r.Type]));
  assert.deepEqual(types, {
    AgentSecurityGroup: 'AWS::EC2::SecurityGroup',
    AgentInterface: 'AWS::EC2::NetworkInterface',
    AgentElasticIp: 'AWS::EC2::EIP',
    AgentElasticIpAssociation: 'AWS::EC2::EIPAssociation',
    AgentRole: 'AWS::IAM::Role',
    AgentInstanceProfile: 'AWS::IAM::InstanceProfile',
    AgentLaunchTemplate: 'AWS::EC2::LaunchTemplate',
    AgentInstance: 'AWS::EC2::Instance',
  });
});

test('wired: the Elastic IP is on the instance interface before boot, UDP from Ground Station on the pool, IMDSv2 only', () => {
  assert.deepEqual(props('AgentElasticIpAssociation', 'AWS::EC2::EIPAssociation'), {
    AllocationId: { 'Fn::GetAtt': ['AgentElasticIp', 'AllocationId'] },
    NetworkInterfaceId: { Ref: 'AgentInterface' },
  });
  const instance = props('AgentInstance', 'AWS::EC2::Instance');
  assert.equal((t.Resources.AgentInstance as Props).DependsOn, 'AgentElasticIpAssociation');
  assert.deepEqual(instance.NetworkInterfaces, [{ NetworkInterfaceId: { Ref: 'AgentInterface' }, DeviceIndex: '0' }]);
  assert.deepEqual(instance.IamInstanceProfile, { Ref: 'AgentInstanceProfile' });
  assert.deepEqual(props('AgentInterface', 'AWS::EC2::NetworkInterface').GroupSet, [{ Ref: 'AgentSecurityGroup' }]);
  assert.deepEqual(props('AgentSecurityGroup', 'AWS::EC2::SecurityGroup').SecurityGroupIngress[0], {
    Description: 'Ground Station to the agent port pool',
    IpProtocol: 'udp',
    FromPort: { Ref: 'AgentPortMin' },
    ToPort: { Ref: 'AgentPortMax' },
    SourcePrefixListId: { Ref: 'GroundStationPrefixListId' },
  });
  assert.equal(props('AgentLaunchTemplate', 'AWS::EC2::LaunchTemplate').LaunchTemplateData.MetadataOptions.HttpTokens, 'required');
});

test('the role: the tool policy exactly as `iam-policy` prints it, the agent managed policy, S3 read of bundle and mission only', async () => {
  const role = props('AgentRole', 'AWS::IAM::Role');
  const printed = JSON.parse((await runMain(['iam-policy'])).out);
  const tool = role.Policies.find((p: Props) => p.PolicyName === 'gs-agent-config');
  assert.deepEqual(tool.PolicyDocument, printed);
  assert.deepEqual(printed, JSON.parse(await readFile(join(REPO, 'examples/iam/policy.json'), 'utf8')));
  assert.deepEqual(
    role.ManagedPolicyArns.map((a: Props) => a['Fn::Sub'].split('/').pop()),
    ['AWSGroundStationAgentInstancePolicy', 'AmazonSSMManagedInstanceCore'],
  );
  const s3 = role.Policies.find((p: Props) => p.PolicyName === 'gs-agent-config-artifacts').PolicyDocument.Statement;
  assert.deepEqual(
    s3.map((s: Props) => s.Action),
    [['s3:GetObject']],
  );
  assert.deepEqual(
    s3[0].Resource.map((r: Props) => r['Fn::Sub'].split(':::')[1]),
    ['${ArtifactBucket}/${BundleKey}', '${ArtifactBucket}/${MissionKey}'],
  );
});

test('no Elastic IP, port list or CPU core is hard-coded: the host tells the tool', () => {
  assert.doesNotMatch(text, /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/);
  assert.doesNotMatch(text, /agentCpuCores|publicIps|aws-gs-agent-config\.json/);
});

test('the user data, rendered, passes cloud-init schema and matches the cloud-init example', async () => {
  const userData = renderUserData();
  assert.ok(Buffer.byteLength(userData) < 16 * 1024, 'EC2 user data is limited to 16 KB');
  const r = await cloudInitSchema(userData);
  assert.equal(r.code, 0, r.output);
  const doc = parse(userData);
  const example = parse(await readFile(join(REPO, 'examples/cloud-init/user-data.yaml'), 'utf8'));
  assert.deepEqual(doc.packages, example.packages);
  const unitPath = '/etc/systemd/system/gs-agent-config.service';
  const unit = (d: Props) => d.write_files.find((w: Props) => w.path === unitPath);
  assert.deepEqual(unit(doc), unit(example));
  const cmds = doc.runcmd.map((c: string[]) => c.join(' '));
  assert.ok(
    cmds.includes('aws s3 cp --only-show-errors s3://my-bucket/gs-agent-config/missions/agent-host.yaml /etc/gs-agent-config/mission.yaml'),
  );
  // From the install on, the same commands as the cloud-init example.
  const tail = (list: string[]) => list.slice(list.findIndex((c) => c.startsWith('ln -sfn')));
  assert.deepEqual(tail(cmds), tail(example.runcmd.map((c: string[]) => c.join(' '))));
});
