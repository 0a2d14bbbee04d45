/**
 * Rehearsals stay rehearsals: with the sandbox's exports active (the metadata service on a
 * loopback address) and --root left at /, a command that writes to the host would configure the
 * laptop's real /etc and /opt from a simulated host. apply, destroy (and upgrade-agent) refuse
 * unless `--root /` was given on purpose; plan only warns (it writes nothing).
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import type { Io } from './io.ts';
import type { Whereabouts } from './tool-command.ts';

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and localhost: never an EC2 metadata service. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return /^127(\.\d{1,3}){3}$/.test(v4);
}

/** `127.0.0.1:4566` when the metadata service the run uses is a loopback address (a sandbox), else undefined. */
export function sandboxMetadataService(env: Io['env']): string | undefined {
  const endpoint = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  if (!endpoint) return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  return isLoopback(url.hostname) ? url.host : undefined;
}

/** Whether the run acts on the real / without having said so (--root not given). */
function realRootByDefault(where: Whereabouts): boolean {
  return where.root === undefined;
}

/** Whether --root names / (given on purpose). */
export const isRealRoot = (root: string) => resolve('/', root) === '/';

/**
 * Throws exit 2 when the metadata service is a sandbox and --root was left at /: a command that
 * writes to the host (apply, destroy, upgrade-agent) refuses. `--root /` given explicitly passes.
 */
export function refuseRealRootInRehearsal(env: Io['env'], where: Whereabouts): void {
  const sandbox = sandboxMetadataService(env);
  if (!sandbox || !realRootByDefault(where)) return;
  throw new UsageError(
    `the metadata service is ${sandbox} (a sandbox) and --root is the real /: pass --root DIR for a rehearsal, or --root / to act on this machine`,
  );
}

/** plan's warning for the same situation (it writes nothing, but reads this machine's state and tuning files). */
export function rehearsalWarning(env: Io['env'], where: Whereabouts): string | undefined {
  const sandbox = sandboxMetadataService(env);
  if (!sandbox || !realRootByDefault(where)) return undefined;
  return `the metadata service is ${sandbox} (a sandbox) and --root is the real /: this plan compares against this machine's files; pass --root DIR for a rehearsal`;
}
