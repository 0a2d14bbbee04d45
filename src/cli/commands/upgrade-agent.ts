/** upgrade-agent: upgrade aws-groundstation-agent on this host without losing a pass (src/upgrade/upgrade-agent.ts). */
import { createAgentDownloadPort } from '../../aws/agent-download.ts';
import { displayLines } from '../../display.ts';
import { DeferredError, UsageError } from '../../errors.ts';
import { upgradeAgent } from '../../upgrade/upgrade-agent.ts';
import { guardPolicyOf, notifyOn, type GuardArgs } from '../contact-guard.ts';
import { DEFAULT_LOCK_WAIT_SECONDS } from '../conventions.ts';
import { formatUpgrade } from '../format-upgrade.ts';
import type { GlobalArgs } from '../io.ts';
import { jsonText } from '../json-text.ts';
import { contactsFor, credentialsFor, groundStationFor, hostIdentityFor } from '../ports.ts';
import { refuseRealRootInRehearsal } from '../rehearsal-guard.ts';
import type { Runtime } from '../runtime.ts';
import { absolutePath, toolCommand } from '../tool-command.ts';

export interface UpgradeArgs extends GlobalArgs, GuardArgs {
  rpm?: string;
  sha256?: string;
  previousSha256?: string;
  dryRun?: boolean;
  allowDowngrade?: boolean;
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

function checkSha(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!HEX64.test(value))
    throw new UsageError(`${flag} must be a SHA-256: 64 hexadecimal digits (got ${JSON.stringify(value.slice(0, 80))})`);
  return value.toLowerCase();
}

export async function runUpgradeAgent(args: UpgradeArgs, rt: Runtime): Promise<number> {
  const { io } = rt;
  const sha256 = checkSha('--sha256', args.sha256);
  const previousSha256 = checkSha('--previous-sha256', args.previousSha256);
  if (!args.dryRun) refuseRealRootInRehearsal(io.env, rt.where);
  const report = await upgradeAgent(
    {
      hostIdentity: () => hostIdentityFor(rt),
      groundStation: (region) => groundStationFor(region, rt),
      contacts: (region) => contactsFor(region, rt),
      download: (region) =>
        createAgentDownloadPort({
          region,
          endpoint: io.env.AWS_ENDPOINT_URL_S3 || undefined,
          credentials: credentialsFor(rt),
          deadline: rt.run.deadline,
          progress: rt.run.progress,
        }),
      notify: notifyOn(rt),
    },
    {
      root: args.root,
      binDir: io.env.GS_AGENT_CONFIG_BIN_DIR || undefined,
      ...(args.rpm !== undefined && { rpmFile: absolutePath(io.cwd, args.rpm) }),
      sha256,
      previousSha256,
      dryRun: args.dryRun === true,
      allowDowngrade: args.allowDowngrade === true,
      regionOverride: io.env.AWS_REGION,
      lockWaitSeconds: DEFAULT_LOCK_WAIT_SECONDS,
      guard: guardPolicyOf(args),
    },
    rt.run,
  ).catch((err: unknown) => {
    if (!(err instanceof DeferredError)) throw err;
    const extra = [
      ...(args.rpm !== undefined ? ['--rpm', absolutePath(io.cwd, args.rpm)] : []),
      ...(sha256 ? ['--sha256', sha256] : []),
      ...(previousSha256 ? ['--previous-sha256', previousSha256] : []),
      ...(args.allowDowngrade ? ['--allow-downgrade'] : []),
    ];
    const again = toolCommand({ where: rt.where, cwd: io.cwd }, 'upgrade-agent', undefined, extra);
    throw new DeferredError(err.message, [...err.details, `the same upgrade, to run then: ${again}`], { cause: err });
  });
  if (args.json) io.out(jsonText(report));
  else if (!args.quiet) io.out(displayLines(formatUpgrade(report)));
  return 0;
}
