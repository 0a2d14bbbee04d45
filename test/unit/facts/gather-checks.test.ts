/** gatherFacts checks what it gathered (src/facts/gather.ts): names of ENIs only, every sandbox profile passes. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostFactsError } from '../../../src/errors.ts';
import { gatherFacts } from '../../../src/facts/gather.ts';
import { findFactsProblem } from '../../../src/facts/validate-host-facts.ts';
import { getHostProfile, HOST_PROFILES } from '../../../sandbox/hosts.ts';
import { createImdsService } from '../../../sandbox/imds-service.ts';
import { writeSysfsTree } from '../../../sandbox/sysfs-tree.ts';
import { serveService } from '../../helpers/serve-service.ts';

const host = getHostProfile('two-eni');
let dir: string;
let imds: { url: string; close(): Promise<void> };
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gs-gather-checks-'));
  imds = await serveService(createImdsService(host));
});
after(async () => {
  await imds.close();
  await rm(dir, { recursive: true, force: true });
});

test('an odd name on a device that is not an ENI does not stop the run; on an ENI it does (exit 3)', async () => {
  const sys = join(dir, 'odd');
  await writeSysfsTree(host, sys);
  await mkdir(join(sys, 'class/net/we"ird'), { recursive: true });
  await writeFile(join(sys, 'class/net/we"ird/address'), '02:00:00:00:00:99\n');
  const facts = await gatherFacts({ imdsEndpoint: imds.url, sysRoot: sys, ec2: false });
  assert.deepEqual(
    facts.interfaces.map((i) => i.linuxName),
    ['eth0', 'eth1'],
  );
  await rename(join(sys, 'class/net/eth1'), join(sys, 'class/net/eth1 x'));
  await assert.rejects(
    gatherFacts({ imdsEndpoint: imds.url, sysRoot: sys, ec2: false }),
    (e: unknown) => e instanceof HostFactsError && /class\/net: interface name "eth1 x" is not a Linux interface name/.test(e.message),
  );
});

test('the facts of every simulated host pass the host-facts schema', async () => {
  for (const name of Object.keys(HOST_PROFILES)) {
    const h = getHostProfile(name);
    const sys = join(dir, name);
    await writeSysfsTree(h, sys);
    const server = await serveService(createImdsService(h));
    try {
      const facts = await gatherFacts({ imdsEndpoint: server.url, sysRoot: sys, ec2: false });
      assert.equal(findFactsProblem(facts), undefined, name);
    } finally {
      await server.close();
    }
  }
});
