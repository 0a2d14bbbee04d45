/** One sandbox and one temp --root per test file (or describe block), closed and removed after. */
import { after, before } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.ts';

export interface SandboxFixture {
  readonly sb: Sandbox;
  readonly root: string;
}

export function useSandbox(rootPrefix: string, opts: SandboxOptions = {}): SandboxFixture {
  const f = {} as { sb: Sandbox; root: string };
  before(async () => {
    f.sb = await startSandbox(opts);
    f.root = await mkdtemp(join(tmpdir(), `gsac-${rootPrefix}-`));
  });
  after(async () => {
    await f.sb.close();
    await rm(f.root, { recursive: true, force: true });
  });
  return f;
}
