/** Runs the real `cloud-init schema --config-file` (Debian package cloud-init, installed by .ci/run). */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function cloudInitSchema(userData: string): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gsac-cloud-init-'));
  try {
    const file = join(dir, 'user-data.yaml');
    await writeFile(file, userData);
    const r = await run('cloud-init', ['schema', '--config-file', file]).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: err.stdout + err.stderr }),
    );
    return r;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
