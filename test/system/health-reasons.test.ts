/**
 * Issue 20: every health reason Ground Station reports is explained by `status` with AWS's
 * documented remedy (or, for INITIALIZING_DATAPLANE and DATAPLANE_FAILURE, that there is none
 * and what to collect for AWS support); a reason AWS does not document is shown as unknown,
 * escaped. And the first group in an account: a caller without iam:CreateServiceLinkedRole
 * leaves it NOT_AUTHORIZED_TO_CREATE_SLR (`sandbox --no-slr-permission`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from '../helpers/sandbox-fixture.ts';
import { example, runBin, runMain } from '../helpers/cli.ts';

const MISSION = example('multi-downlink.yaml');

describe('status explains each health reason', () => {
  const fx = useSandbox('health');
  const status = async (reason: string) => {
    for (const g of fx.sb.groundStation.groups.values()) g.forcedHealthReason = reason;
    return runMain(['status', '--root', fx.root], fx.sb.env);
  };
  const expected: Record<string, RegExp> = {
    NO_REGISTERED_AGENT:
      /NO_REGISTERED_AGENT: no agent has registered.*agent-running.*outbound TCP 443.*AWSGroundStationAgentInstancePolicy/,
    UNVERIFIED_IP_OWNERSHIP: /UNVERIFIED_IP_OWNERSHIP: Ground Station has not validated the Elastic IP yet .*wait and check again/,
    NOT_AUTHORIZED_TO_CREATE_SLR:
      /NOT_AUTHORIZED_TO_CREATE_SLR: .*AWSServiceRoleForGroundStationDataflowEndpointGroup .*iam:CreateServiceLinkedRole.*aws iam create-service-linked-role --aws-service-name groundstation\.amazonaws\.com/,
    INITIALIZING_DATAPLANE: /INITIALIZING_DATAPLANE: AWS documents no remedy for this reason.*\/var\/log\/aws\/groundstation/,
    DATAPLANE_FAILURE: /DATAPLANE_FAILURE: AWS documents no remedy for this reason.*\/var\/log\/aws\/groundstation.*the group id/,
    INVALID_IP_OWNERSHIP: /INVALID_IP_OWNERSHIP/,
  };
  for (const [reason, advice] of Object.entries(expected)) {
    test(reason, async () => {
      if (fx.sb.groundStation.groups.size === 0)
        assert.equal((await runMain(['apply', MISSION, '--root', fx.root, '--quiet'], fx.sb.env)).code, 0);
      const r = await status(reason);
      assert.equal(r.code, 6, r.err);
      assert.match(r.out, advice);
      const json = JSON.parse((await runMain(['status', '--root', fx.root, '--json'], fx.sb.env)).out);
      assert.ok(
        json.groups[0].problems.some((p: string) => advice.test(p)),
        reason,
      );
    });
  }

  test('a reason AWS does not document is unknown, shown escaped', async () => {
    const r = await status('NEW_REASON\u001b[31m');
    assert.equal(r.code, 6);
    assert.match(r.out, /unknown health reason "NEW_REASON\\+u001b\[31m" \(not one AWS documents\)/);
    assert.ok(!r.out.includes(String.fromCharCode(27)), 'no raw escape reaches the terminal');
  });
});

describe('sandbox --no-slr-permission: the first group of an account without iam:CreateServiceLinkedRole', () => {
  const fx = useSandbox('slr', { noSlrPermission: true });
  test('apply creates it, status says NOT_AUTHORIZED_TO_CREATE_SLR with the fix', async () => {
    assert.equal((await runMain(['apply', MISSION, '--root', fx.root, '--quiet'], fx.sb.env)).code, 0);
    fx.sb.hostAgent.running = true;
    const r = await runMain(['status', '--root', fx.root], fx.sb.env);
    assert.equal(r.code, 6);
    assert.match(r.out, /\[NOT_AUTHORIZED_TO_CREATE_SLR\]/);
    assert.match(r.out, /grant it \(gs-agent-config iam-policy includes it/);
    assert.equal(fx.sb.actions.includes('iam:CreateServiceLinkedRole'), false);
  });
});

describe("sandbox --fresh-account: the first create makes the role with the caller's permission", () => {
  const fx = useSandbox('fresh', { freshAccount: true, agentHealthy: true });
  test('recorded once, and the group is healthy', async () => {
    assert.equal((await runMain(['apply', MISSION, '--root', fx.root, '--quiet'], fx.sb.env)).code, 0);
    assert.deepEqual(
      fx.sb.actions.filter((a) => a.startsWith('iam:')),
      ['iam:CreateServiceLinkedRole'],
    );
    assert.equal((await runMain(['status', '--root', fx.root], fx.sb.env)).code, 0);
  });
});

test('sandbox --help lists the new switches with their values', async () => {
  const r = await runBin(['sandbox', '--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--fresh-account', '--no-slr-permission', '--group-quota', '--health-reason', 'DATAPLANE_FAILURE', 'agent-running'])
    assert.ok(r.out.includes(flag), flag);
});
