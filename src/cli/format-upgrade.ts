/** upgrade-agent's report as lines for a terminal (escaped by the caller through displayLines). */
import { RELEASES_CHECKED_ON } from '../agent-releases.ts';
import type { UpgradeReport } from '../upgrade/upgrade-agent.ts';

export function formatUpgrade(r: UpgradeReport): string[] {
  const what = `aws-groundstation-agent ${r.installed} → ${r.target} (${r.build})`;
  const steps = r.steps.map((s, i) => `  ${i + 1}. ${s.step}: ${s.command}${s.ok === false ? '  FAILED' : ''}`);
  switch (r.outcome) {
    case 'current':
      return [
        `aws-groundstation-agent ${r.installed} is already the target for ${r.build} (release table read ${RELEASES_CHECKED_ON}): nothing to do`,
      ];
    case 'dry-run':
      return [`would ${r.target < r.installed ? 'downgrade' : 'upgrade'} ${what}; nothing was downloaded, stopped or installed:`, ...steps];
    default:
      return [
        `${r.outcome} ${what}: the agent runs ${r.target}`,
        `  from ${r.source} (sha256 ${r.sha256})`,
        `  kept for a rollback: ${r.rollbackRpm}`,
        ...(r.configRestored ? ['  the install had replaced the agent config: the one apply rendered was put back'] : []),
        ...steps,
      ];
  }
}
