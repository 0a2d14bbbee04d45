/** The sandbox as sandbox and demo start it: an unknown profile or a taken port is the operator's slip (exit 2). */
import { UsageError } from '../errors.ts';
import { HOST_PROFILES } from '../../sandbox/hosts.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server.ts';

/** Throws a UsageError listing the profiles when `name` is none of them. */
export function checkHostProfile(name: string | undefined, flag = '--host'): void {
  if (name === undefined || Object.hasOwn(HOST_PROFILES, name)) return;
  throw new UsageError(`${flag} ${JSON.stringify(name)} is not a simulated host profile`, [
    `choose one of: ${Object.keys(HOST_PROFILES).join(', ')}`,
  ]);
}

export async function startSandboxFor(opts: SandboxOptions, flag = '--host'): Promise<Sandbox> {
  checkHostProfile(opts.profile, flag);
  try {
    return await startSandbox(opts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`--port ${opts.port}: the port is already in use on 127.0.0.1`, [
        'choose another port, or --port 0 for any free one',
      ]);
    if (code === 'EACCES')
      throw new UsageError(`--port ${opts.port}: permission denied (ports below 1024 need root)`, [
        'choose a port from 1024 to 65535, or --port 0',
      ]);
    throw err;
  }
}
