/**
 * Issue 20, hostile: the new sources (systemctl show, journalctl) answered by our own corrupting
 * stand-ins through the real bounded runner: garbled, huge, hanging, NUL bytes, control
 * characters. Each is a reason (doctor: unknown) or data to escape, never a state and never a hang.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAgentService } from '../../../../src/facts/linux/agent-service.ts';
import { agentRunning } from '../../../../src/doctor/checks/agent-checks.ts';
import { formatChecks } from '../../../../src/doctor/run-checks.ts';
import type { DoctorInput } from '../../../../src/doctor/types.ts';
import type { DoctorFacts } from '../../../../src/facts/types.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gsac-agent-hostile-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const DOWN =
  'LoadState=loaded\\nActiveState=failed\\nSubState=failed\\nResult=exit-code\\nExecMainStatus=101\\nExecMainStartTimestampMonotonic=5\\n';

async function binWith(name: string, systemctl: string, journalctl = 'printf "Loading Config\\n"'): Promise<string> {
  const bin = join(dir, name);
  await rm(bin, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(bin, { recursive: true }));
  for (const [file, body] of [
    ['systemctl', systemctl],
    ['journalctl', journalctl],
  ]) {
    await writeFile(join(bin, file), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, file), 0o755);
  }
  return bin;
}

const reasonOf = async (bin: string) => {
  const r = await readAgentService({ binDir: bin, timeoutMs: 800 });
  assert.equal(r.ok, false);
  return r.ok ? '' : r.reason;
};

test('systemctl show garbled, with NUL bytes, or exiting 1: a reason', async () => {
  assert.match(await reasonOf(await binWith('garbled', 'echo "<html>503</html>"')), /unexpected line "<html>503<\/html>"/);
  assert.match(
    await reasonOf(await binWith('nul', `printf '${DOWN.replace('failed\\nSub', 'fa\\000iled\\nSub')}'`)),
    /not a state systemd documents/,
  );
  assert.match(
    await reasonOf(await binWith('exit1', 'echo "Failed to connect to bus" >&2; exit 1')),
    /exited 1, a status it does not document/,
  );
});

test('systemctl show huge or hanging: cut or stopped by the runner, a reason', async () => {
  assert.match(await reasonOf(await binWith('huge', 'yes LoadState=loaded')), /printed more than \d+ bytes/);
  const t0 = Date.now();
  assert.match(await reasonOf(await binWith('hang', 'sleep 30')), /did not finish \(SIGTERM\)/);
  assert.ok(Date.now() - t0 < 5000, 'bounded');
});

test('the journal hanging, huge or full of control characters: the unit state stays, the journal is a reason or escaped data', async () => {
  const hang = await readAgentService({ binDir: await binWith('j-hang', `printf '${DOWN}'`, 'sleep 30'), timeoutMs: 800 });
  assert.ok(hang.ok && hang.value.journal && !hang.value.journal.ok);
  const huge = await readAgentService({ binDir: await binWith('j-huge', `printf '${DOWN}'`, 'yes "Loading Config"'), timeoutMs: 2000 });
  assert.ok(huge.ok && huge.value.journal && !huge.value.journal.ok);
  const ctl = await readAgentService({
    binDir: await binWith('j-ctl', `printf '${DOWN}'`, `printf 'Loading Config\\n\\033[2J\\033]0;owned\\007panic\\000x\\n'`),
    timeoutMs: 2000,
  });
  assert.ok(ctl.ok);
  const input = {
    host: { ok: false, reason: '' },
    plan: { ok: false, reason: '' },
    doctor: { agentService: ctl } as unknown as DoctorFacts,
  } as DoctorInput;
  const line = formatChecks([agentRunning(input)]);
  assert.match(line, /agent-running\s+fail/);
  const raw = [...line].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
  assert.deepEqual(raw, [], `escaped: ${JSON.stringify(line)}`);
});
