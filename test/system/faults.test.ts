/** Faults injected into the sandbox: below the retry budget apply converges; above it, exit 5 saying what to retry. */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { parseFaultSpec } from '../../sandbox/faults.ts';
import { example, runMain } from '../helpers/cli.ts';

describe('apply under injected faults', () => {
  let sb: Sandbox;
  let root: string;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    sb.clearFaults();
    for (const id of sb.groundStation.groups.keys()) sb.groundStation.groups.delete(id);
    await rm(root ?? '/nonexistent', { recursive: true, force: true });
    root = await mkdtemp(join(tmpdir(), 'gsac-fault-'));
  });

  const applyWith = async (...specs: string[]) => {
    for (const s of specs) sb.injectFault(parseFaultSpec(s)!);
    return runMain(['apply', example('wideband-downlink.yaml'), '--root', root, '--json'], sb.env);
  };

  const converging = [
    'tagging:GetResources=503*2',
    'groundstation:CreateDataflowEndpointGroupV2=503*1',
    'groundstation:CreateDataflowEndpointGroupV2=drop*1',
    'groundstation:CreateDataflowEndpointGroupV2=lost*1',
    'groundstation:CreateDataflowEndpointGroupV2=lost*2',
    'ec2:DescribeAddresses=503:RequestLimitExceeded*2',
    'imds:get=drop*2',
    'imds:token=503*1',
    'imds:get=expire-token*1',
  ];
  for (const spec of converging) {
    test(`${spec}: converges with exactly one group`, async () => {
      const r = await applyWith(spec);
      assert.equal(r.code, 0, r.err);
      assert.equal(sb.groundStation.groups.size, 1);
    });
  }

  test('an IMDS token that expires mid-run is replaced once', async () => {
    const puts = () => sb.actions.filter((a) => a === 'imds:token').length;
    const before = puts();
    const r = await applyWith('imds:get=expire-token*1');
    assert.equal(r.code, 0, r.err);
    assert.equal(puts() - before, 2);
  });

  const transient: Array<[string, RegExp]> = [
    ['tagging:GetResources=503**', /GetResources/],
    ['tagging:GetResources=400:ThrottlingException**', /GetResources/],
    ['imds:*=503**', /IMDS at http:\/\/127\.0\.0\.1:\d+/],
  ];
  for (const [spec, names] of transient) {
    test(`${spec}: exit 5 naming what to retry, no group, no file`, async () => {
      const r = await applyWith(spec);
      assert.equal(r.code, 5, r.err);
      assert.match(r.err, names);
      assert.equal(sb.groundStation.groups.size, 0);
    });
  }

  test('a persistent create failure (531 DependencyException) gives exit 5 and never two groups', async () => {
    const r = await applyWith('groundstation:CreateDataflowEndpointGroupV2=531:DependencyException**');
    assert.equal(r.code, 5, r.err);
    assert.equal(sb.groundStation.groups.size, 0);
    assert.equal(sb.actions.filter((a) => a === 'groundstation:CreateDataflowEndpointGroupV2').length > 1, true);
  });
});
