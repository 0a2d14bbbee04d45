/**
 * Issue 20 (h20-last): plan and apply --dry-run warn when a replace (create before delete) has no
 * room under the region's default group quota; one ListDataflowEndpointGroups, made only for a
 * replace (a no-change plan makes none); below the quota, no warning.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server.ts';
import { example, runMain } from '../helpers/cli.ts';

const LIST = 'groundstation:ListDataflowEndpointGroups';
const HEADROOM =
  /^a replace creates the new group before deleting the old one; the Region us-east-2 has 100 of 100 groups \(the default quota, Service Quotas groundstation L-D6A1915B/;

let root: string;
let v1: string;
let v2: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gsac-plan-quota-'));
  const text = await readFile(example('wideband-downlink.yaml'), 'utf8');
  v1 = join(root, 'v1.yaml');
  v2 = join(root, 'v2.yaml');
  await writeFile(v1, text);
  // The Elastic IP side's MTU is part of the group: a replace.
  assert.ok(text.includes('    mtu: 1500 '));
  await writeFile(v2, text.replace('    mtu: 1500 ', '    mtu: 1450 '));
});
after(() => rm(root, { recursive: true, force: true }));

/** A sandbox with `others` groups of other hosts, this host's group applied from v1 into a fresh root. */
async function applied(others: number): Promise<{ sb: Sandbox; dir: string }> {
  const sb = await startSandbox({ otherGroups: others });
  const dir = await mkdtemp(join(root, 'host-'));
  const r = await runMain(['apply', v1, '--root', dir], sb.env);
  assert.equal(r.code, 0, r.err);
  return { sb, dir };
}

async function planOn(sb: Sandbox, dir: string, mission: string, extra: string[] = ['plan']) {
  const n = sb.actions.length;
  const r = await runMain([...extra, mission, '--root', dir, '--json'], sb.env);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { action: string; warnings: string[] };
  return { ...out, lists: sb.actions.slice(n).filter((a) => a === LIST).length };
}

test("99 other groups + this host's = 100: a replace warns (plan and apply --dry-run); a no-change plan lists nothing", async () => {
  const { sb, dir } = await applied(99);
  try {
    assert.equal(sb.groundStation.groups.size, 100);
    const keep = await planOn(sb, dir, v1);
    assert.equal(keep.action, 'keep');
    assert.equal(keep.lists, 0, 'a no-change plan makes no ListDataflowEndpointGroups');
    assert.ok(!keep.warnings.some((w) => HEADROOM.test(w)));
    const replace = await planOn(sb, dir, v2);
    assert.equal(replace.action, 'replace');
    assert.equal(replace.lists, 1, 'one listing, for the replace');
    assert.equal(replace.warnings.filter((w) => HEADROOM.test(w)).length, 1, replace.warnings.join('\n'));
    const dry = await planOn(sb, dir, v2, ['apply', '--dry-run']);
    assert.equal(dry.warnings.filter((w) => HEADROOM.test(w)).length, 1, dry.warnings.join('\n'));
    const text = await runMain(['plan', v2, '--root', dir], sb.env);
    assert.match(
      text.out + text.err,
      /a replace creates the new group before deleting the old one; the Region us-east-2 has 100 of 100 groups/,
    );
  } finally {
    await sb.close();
  }
});

test("98 other groups + this host's = 99: room for the new group, no warning", async () => {
  const { sb, dir } = await applied(98);
  try {
    const replace = await planOn(sb, dir, v2);
    assert.equal(replace.action, 'replace');
    assert.ok(!replace.warnings.some((w) => /a replace creates the new group/.test(w)), replace.warnings.join('\n'));
  } finally {
    await sb.close();
  }
});
