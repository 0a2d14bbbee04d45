/** The SSM port's parsing and limits: summaries judged once, items kept within the model's lengths; the compliance items of a host. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSummaryPage, withinLimits } from '../../../src/aws/ssm.ts';
import { complianceItems, executionTypeOf } from '../../../src/apply/compliance-report.ts';
import type { HostStatus } from '../../../src/apply/host-status.ts';

const summary = (over: Record<string, unknown> = {}) => ({
  ComplianceType: 'Custom:GsAgentConfig',
  ResourceId: 'i-0123456789abcdef0',
  Status: 'COMPLIANT',
  ExecutionSummary: { ExecutionTime: new Date('2026-12-06T12:00:00Z'), ExecutionType: 'Deferred' },
  NonCompliantSummary: { NonCompliantCount: 0 },
  ...over,
});

test('summaries: another compliance type skipped; an unknown status, a bad id or time is an incomplete answer', () => {
  const page = parseSummaryPage({ ResourceComplianceSummaryItems: [summary(), summary({ ComplianceType: 'Patch' })], NextToken: 't' });
  assert.deepEqual(page, {
    items: [
      {
        instanceId: 'i-0123456789abcdef0',
        status: 'COMPLIANT',
        timeMs: Date.parse('2026-12-06T12:00:00Z'),
        executionType: 'Deferred',
        nonCompliantCount: 0,
        agent: { unknown: "not in the host's report (a gs-agent-config older than the agent column, or another reporter)" },
      },
    ],
    nextToken: 't',
  });
  for (const bad of [{ Status: 'MOSTLY' }, { ResourceId: 'i-\u001b[2J' }, { ExecutionSummary: {} }])
    assert.throws(
      () => parseSummaryPage({ ResourceComplianceSummaryItems: [summary(bad)] }),
      /ListResourceComplianceSummaries answered without/,
    );
  assert.throws(() => parseSummaryPage({ ResourceComplianceSummaryItems: Array.from({ length: 51 }, () => summary()) }));
});

test('items within the model: Title ≤ 500, Details keys 1–64 (others dropped), values ≤ 4096', () => {
  const item = withinLimits({
    id: 'x',
    title: 't'.repeat(600),
    severity: 'HIGH',
    status: 'COMPLIANT',
    details: { ok: 'v'.repeat(5000), ['k'.repeat(65)]: 'dropped', '': 'dropped' },
  });
  assert.equal(item.title.length, 500);
  assert.deepEqual(Object.keys(item.details), ['ok']);
  assert.equal(item.details.ok.length, 4096);
});

test("a host's items: group, endpoint health, file drift, the deferral; Deferred as the execution type", () => {
  const status: HostStatus = {
    mission: 'noaa20',
    groupId: 'g-1',
    groupArn: 'arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/g-1',
    exists: true,
    endpoints: [
      {
        name: 'dl',
        direction: 'downlink',
        agentStatus: 'ACTIVE',
        auditResults: 'HEALTHY',
        healthStatus: 'UNHEALTHY',
        healthReasons: ['INVALID_IP_OWNERSHIP'],
        ready: false,
      },
    ],
    files: [{ path: '/etc/sysctl.d/90-gs-agent-config-ports.conf', state: 'changed' }],
    problems: [],
    healthy: false,
    deferred: {
      steps: ['restart'],
      contactId: 'c-1',
      until: '2026-12-06T14:00:00.000Z',
      servingGroupArn: null,
      pendingGroupArn: 'arn:aws:groundstation:us-east-2:123456789012:dataflow-endpoint-group/g-1',
      unjudged: null,
    },
  };
  const items = complianceItems({ statuses: [status] });
  assert.deepEqual(
    items.map((i) => [i.id, i.status, i.severity]),
    [
      ['group:noaa20', 'COMPLIANT', 'CRITICAL'],
      ['endpoint:dl', 'NON_COMPLIANT', 'HIGH'],
      ['file:/etc/sysctl.d/90-gs-agent-config-ports.conf', 'NON_COMPLIANT', 'MEDIUM'],
      ['deferral', 'NON_COMPLIANT', 'LOW'],
    ],
  );
  assert.equal(items[3].details.until, '2026-12-06T14:00:00.000Z');
  assert.equal(executionTypeOf({ statuses: [status] }, 'Apply'), 'Deferred');
  assert.equal(executionTypeOf({ statuses: [{ ...status, deferred: null }] }, 'Apply'), 'Apply');
});
