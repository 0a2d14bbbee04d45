/**
 * Changes pending as an exit code: `plan --detailed-exitcode` and `apply --dry-run
 * --detailed-exitcode` exit 9 when anything would change (group, tags, a file), 0 when nothing
 * would; errors keep their codes. `status MISSION` for another mission than the applied one is a
 * problem (exit 6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { example, runMain } from '../helpers/cli.ts';
import { useSandbox } from '../helpers/sandbox-fixture.ts';

const fx = useSandbox('detailed', { agentHealthy: true });

test('exit 9 while something would change, 0 once applied, 9 again for a tag, a file or a replace; status MISSION says the mission differs', async () => {
  const run = (...argv: string[]) => runMain([...argv, '--root', fx.root], fx.sb.env);
  const text = await readFile(example('wideband-downlink.yaml'), 'utf8');
  const mission = join(fx.root, 'mission.yaml');
  await writeFile(mission, text);
  assert.equal((await run('plan', mission, '--detailed-exitcode')).code, 9, 'nothing applied yet: create');
  assert.equal((await run('plan', mission)).code, 0, 'without the flag: 0');
  assert.equal((await run('apply', mission, '--dry-run', '--detailed-exitcode')).code, 9);
  assert.equal((await run('apply', mission)).code, 0);
  assert.equal((await run('plan', mission, '--detailed-exitcode')).code, 0, 'applied: nothing would change');
  assert.equal((await run('apply', mission, '--dry-run', '--detailed-exitcode', '--json')).code, 0);
  assert.equal((await run('status', mission)).code, 0, 'the applied mission: healthy');

  // A file changed by hand.
  const ports = join(fx.root, 'etc/sysctl.d/90-gs-agent-config-ports.conf');
  const before = await readFile(ports, 'utf8');
  await writeFile(ports, `${before}# edited\n`);
  assert.equal((await run('plan', mission, '--detailed-exitcode')).code, 9);
  await writeFile(ports, before);
  assert.equal((await run('plan', mission, '--detailed-exitcode')).code, 0);

  // A tag only (changed in place) and a replace.
  const tagged = join(fx.root, 'tagged.yaml');
  await writeFile(tagged, text.replace('  team: flight-ops', '  team: flight-ops-2'));
  const t = await run('plan', tagged, '--detailed-exitcode');
  assert.equal(t.code, 9, t.out + t.err);
  const replaced = join(fx.root, 'replaced.yaml');
  await writeFile(replaced, text.replace('deliverTo: 127.0.0.1:55000', 'deliverTo: 127.0.0.1:55030'));
  assert.equal((await run('plan', replaced, '--detailed-exitcode')).code, 9);
  const status = await run('status', replaced);
  assert.equal(status.code, 6, status.out);
  assert.match(status.out, /mission differs from the applied one: .*the group would be replaced/);
  const json = await run('status', replaced, '--json');
  assert.equal(json.code, 6);
  assert.match(json.out, /mission differs from the applied one/);

  // Errors keep their codes; --detailed-exitcode on a real apply is bad input.
  assert.equal((await run('plan', join(fx.root, 'missing.yaml'), '--detailed-exitcode')).code, 2);
  const real = await run('apply', mission, '--detailed-exitcode');
  assert.equal(real.code, 2);
  assert.match(real.err, /--detailed-exitcode needs --dry-run/);
  await rm(tagged);
});
