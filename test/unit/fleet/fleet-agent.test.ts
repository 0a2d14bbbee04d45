/** The fleet's AGENT column: the version a host reports (strict at the boundary), judged by the release table on the run's day, and shown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentExecutionId, parseAgentExecutionId, parseSummaryPage } from '../../../src/aws/ssm.ts';
import { complianceItems } from '../../../src/apply/compliance-report.ts';
import { fleetAgentOf } from '../../../src/fleet/read-fleet.ts';
import { agentCell } from '../../../src/cli/format-fleet.ts';

test('a host sends its version as the ExecutionId, or agent:unknown; never more than the model allows', () => {
  assert.equal(agentExecutionId('1.0.5953.0'), 'agent:1.0.5953.0');
  assert.equal(agentExecutionId(undefined), 'agent:unknown');
  assert.equal(agentExecutionId('1.0.5953.0-1'), 'agent:unknown');
  assert.ok(agentExecutionId('9'.repeat(9) + '.999999999.999999999.999999999').length <= 100);
});

test('the ExecutionId read back strictly: four numbers, else unknown with a reason that never repeats the text', () => {
  assert.deepEqual(parseAgentExecutionId('agent:1.0.4382.0'), { version: '1.0.4382.0' });
  for (const [id, why] of [
    [undefined, /not in the host's report/],
    ['agent:unknown', /could not read its agent version/],
    ['run-42', /not gs-agent-config's/],
    [42, /not text/],
    ['agent:1.0.4382.0\u001b[2J', /not four numbers/],
    ['agent:1.0.4382', /not four numbers/],
    ['agent:' + '1'.repeat(5000), /not four numbers \(5006 characters\)/],
    ['agent:1.0.4382.0 ', /not four numbers/],
  ] as const) {
    const r = parseAgentExecutionId(id);
    assert.ok('unknown' in r, String(id));
    assert.match(r.unknown, why);
    assert.ok(!r.unknown.includes('\u001b') && !r.unknown.includes('1111111111'), r.unknown);
  }
});

test('a summary carries the agent report; a garbled one does not make the listing incomplete', () => {
  const page = parseSummaryPage({
    ResourceComplianceSummaryItems: [
      {
        ComplianceType: 'Custom:GsAgentConfig',
        ResourceId: 'i-0123456789abcdef0',
        Status: 'COMPLIANT',
        ExecutionSummary: { ExecutionTime: new Date('2026-12-06T12:00:00Z'), ExecutionType: 'Apply', ExecutionId: 'agent:1.0.5953.0' },
      },
      {
        ComplianceType: 'Custom:GsAgentConfig',
        ResourceId: 'i-0123456789abcdef1',
        Status: 'COMPLIANT',
        ExecutionSummary: { ExecutionTime: new Date('2026-12-06T12:00:00Z'), ExecutionType: 'Apply', ExecutionId: 'agent:garbage' },
      },
    ],
  });
  assert.deepEqual(page.items[0].agent, { version: '1.0.5953.0' });
  assert.ok('unknown' in page.items[1].agent);
});

test('support judged on the run day: supported, deprecated, past end of support, not in the table, not reported', () => {
  assert.deepEqual(fleetAgentOf({ version: '1.0.5953.0' }, '2026-12-06'), {
    version: '1.0.5953.0',
    endOfSupport: null,
    status: 'supported',
  });
  assert.deepEqual(fleetAgentOf({ version: '1.0.4382.0' }, '2026-05-01'), {
    version: '1.0.4382.0',
    endOfSupport: '2026-06-30',
    status: 'deprecated',
  });
  // The end-of-support date is the last day of support.
  assert.equal(fleetAgentOf({ version: '1.0.4382.0' }, '2026-06-30').status, 'deprecated');
  assert.equal(fleetAgentOf({ version: '1.0.4382.0' }, '2026-07-01').status, 'unsupported');
  assert.deepEqual(fleetAgentOf({ version: '1.0.2942.0' }, '2026-12-06'), {
    version: '1.0.2942.0',
    endOfSupport: '2024-05-31',
    status: 'unsupported',
  });
  const newer = fleetAgentOf({ version: '9.0.0.0' }, '2026-12-06');
  assert.equal(newer.status, 'unknown');
  assert.equal(newer.version, '9.0.0.0');
  assert.match(newer.reason ?? '', /newer than every release/);
  assert.deepEqual(fleetAgentOf(undefined, '2026-12-06'), {
    version: null,
    endOfSupport: null,
    status: 'unknown',
    reason: 'not reported (no compliance report from the host)',
  });
  assert.deepEqual(fleetAgentOf({ unknown: 'x' }, '2026-12-06'), { version: null, endOfSupport: null, status: 'unknown', reason: 'x' });
});

test('the AGENT cell', () => {
  assert.equal(agentCell(fleetAgentOf({ version: '1.0.5953.0' }, '2026-12-06')), '1.0.5953.0 (supported)');
  assert.equal(agentCell(fleetAgentOf({ version: '1.0.4382.0' }, '2026-05-01')), '1.0.4382.0 (support ends 2026-06-30)');
  assert.equal(agentCell(fleetAgentOf({ version: '1.0.2942.0' }, '2026-12-06')), '1.0.2942.0 (support ended 2024-05-31)');
  assert.equal(agentCell(fleetAgentOf({ version: '9.0.0.0' }, '2026-12-06')), '9.0.0.0 (not in the release table)');
  assert.equal(agentCell(fleetAgentOf(undefined, '2026-12-06')), 'unknown');
});

test("a host's agent-version item: the version as a record (INFORMATIONAL), or NON_COMPLIANT with the reason", () => {
  const [read] = complianceItems({ statuses: [], agent: { version: '1.0.5953.0' } });
  assert.deepEqual(read, {
    id: 'agent-version',
    title: 'aws-groundstation-agent 1.0.5953.0',
    severity: 'INFORMATIONAL',
    status: 'COMPLIANT',
    details: { version: '1.0.5953.0' },
  });
  const [unread] = complianceItems({ statuses: [], agent: { unknown: 'rpm -q timed out' } });
  assert.equal(unread.status, 'NON_COMPLIANT');
  assert.deepEqual(unread.details, { unknown: 'rpm -q timed out' });
  assert.deepEqual(complianceItems({ statuses: [] }), []);
});
