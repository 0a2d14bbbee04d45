/**
 * Service checks: irqbalance is neither running nor enabled (it undoes the IRQ pinning; AWS's
 * sample stops and disables it), and the agent package is installed with its unit enabled and
 * its config readable. Pure.
 */
import { commandLine } from '../../shell-quote.ts';
import { applyFix } from '../fix-commands.ts';
import type { Check, CheckResult } from '../types.ts';

const result = (id: string, status: CheckResult['status'], evidence: string, fix = ''): CheckResult => ({ id, status, evidence, fix });

/** systemctl is-enabled answers that mean "starts at boot". */
const ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'alias', 'linked', 'linked-runtime', 'indirect', 'generated']);

export const irqbalance: Check = ({ doctor }) => {
  const id = 'irqbalance';
  if (!doctor.irqbalance.ok) return result(id, 'unknown', doctor.irqbalance.reason);
  const { active, enabled } = doctor.irqbalance.value;
  const evidence = `irqbalance.service is ${active} and ${enabled}`;
  if (active !== 'active' && !ENABLED.has(enabled)) return result(id, 'ok', evidence);
  return result(id, 'fail', `${evidence}: it moves the NIC's IRQs back onto the agent cores`, 'sudo systemctl disable --now irqbalance');
};

export const AGENT_PACKAGE = 'aws-groundstation-agent';

export const agentInstalled: Check = (input) => {
  const { doctor } = input;
  const id = 'agent-installed';
  if (!doctor.agentPackage.ok) return result(id, 'unknown', doctor.agentPackage.reason);
  const pkg = doctor.agentPackage.value;
  if (!pkg.installed) {
    return result(
      id,
      'fail',
      `${AGENT_PACKAGE} is not installed (${pkg.detail})`,
      'install the agent RPM for this OS from s3://groundstation-wb-digif-software-<region>/aws-groundstation-agent/latest/<amazon_linux_2023_x86_64|amazon_linux_2_x86_64>/aws-groundstation-agent.rpm (sudo yum install ./aws-groundstation-agent.rpm), then sudo systemctl enable aws-groundstation-agent',
    );
  }
  const parts = [`${AGENT_PACKAGE} ${pkg.version ?? '(version unknown)'} installed`];
  if (!doctor.agentUnit.ok) return result(id, 'unknown', `${parts[0]}; unit state unknown: ${doctor.agentUnit.reason}`);
  const unit = doctor.agentUnit.value;
  parts.push(`unit ${unit.enabled}, ${unit.active}`);
  if (!ENABLED.has(unit.enabled))
    return result(id, 'fail', `${parts.join('; ')}: the agent does not start at boot`, 'sudo systemctl enable aws-groundstation-agent');
  const cfg = doctor.agentConfig;
  if (!cfg.ok) return result(id, 'warn', `${parts.join('; ')}; ${cfg.reason}`, `run ${applyFix(input)} to render the agent config`);
  if ((cfg.value.mode & 0o400) === 0) {
    return result(
      id,
      'fail',
      `${parts.join('; ')}; ${cfg.value.path} has mode ${(cfg.value.mode & 0o777).toString(8)}: the agent cannot read it`,
      commandLine(['sudo', 'chmod', '0644', cfg.value.path]),
    );
  }
  return result(id, 'ok', `${parts.join('; ')}; ${cfg.value.path} readable (mode ${(cfg.value.mode & 0o777).toString(8)})`);
};
