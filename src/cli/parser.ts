/**
 * The command-line contract (README, architecture.md) as one yargs table. Parsing only: the
 * commands run in main() so that help, errors and exit codes stay in one place.
 */
import yargs, { type Argv } from 'yargs';
import { VERSION } from './version.ts';

export const EPILOGUE = `Exit codes:
  0 ok / converged / healthy      4 AWS refused (auth, invalid parameter, quota, not found)
  1 bug (internal error)          5 transient failure that outlasted retries (IMDS or AWS)
  2 bad input (mission, flags)    6 ran and found problems (unhealthy, drift, findings)
  3 host facts unavailable or     7 another run holds the lock
    host unsuitable               8 deferred: a contact holds this host`;

/** Well under the boot unit's TimeoutStartSec=6min, so the unit sees our exit 5 and retries. */
export const DEFAULT_DEADLINE_SECONDS = 240;

const mission = (y: Argv) => y.positional('mission', { type: 'string', demandOption: true, describe: 'mission file (YAML or JSON)' });
const factsOpt = { type: 'string', describe: 'read host facts from this JSON file instead of IMDS, /sys and EC2' } as const;
const skipEc2 = { type: 'boolean', default: false, describe: 'do not call EC2 (no Elastic IP verification); for roles without ec2:Describe*' } as const;

/** Flags shared by several commands: `root` (writes on the host, reads its state file), `host` (reads /sys, /proc), `aws` (IMDS and AWS calls). */
export type SharedFlags = 'root' | 'host' | 'aws';

/**
 * Declares every shared flag on a command, listed in its --help only when it affects that
 * command (README "Command-line conventions"), accepted everywhere so that a wrapper passing
 * --root or --region to every call keeps working. --json, --debug and --quiet are global.
 */
export function sharedFlags(y: Argv, shown: SharedFlags[]): Argv {
  const hidden = (k: SharedFlags) => !shown.includes(k);
  return y
    .option('root', { type: 'string', hidden: hidden('root'), defaultDescription: '"/"', describe: 'prefix for every path written (state and lock files too)' })
    .option('sys-root', { type: 'string', hidden: hidden('host'), describe: 'where /sys is read from (else $GS_AGENT_CONFIG_SYS_ROOT, else /sys)' })
    .option('proc-root', { type: 'string', hidden: hidden('host'), describe: 'where /proc is read from (else $GS_AGENT_CONFIG_PROC_ROOT, else /proc)' })
    .option('region', { type: 'string', hidden: hidden('aws'), describe: 'AWS region of the calls (else $AWS_REGION, else the instance\'s own)' })
    .option('profile', { type: 'string', hidden: hidden('aws'), describe: 'credentials profile from ~/.aws (else $AWS_PROFILE, else the usual chain: environment, instance role)' })
    // No yargs default: main() fills in DEFAULT_DEADLINE_SECONDS, so a hidden flag shows no default either.
    .option('deadline', { type: 'number', hidden: hidden('aws'), defaultDescription: String(DEFAULT_DEADLINE_SECONDS), describe: 'seconds the whole run may take; then exit 5 naming the call it waited for' });
}

const ALL: SharedFlags[] = ['root', 'host', 'aws'];
/** plan, apply: the mission, the host read (or --facts), AWS, the state under --root. */
const onHost = (y: Argv) => sharedFlags(mission(y), ALL);

export function buildParser(): Argv {
  return yargs()
    .scriptName('gs-agent-config')
    // Help and messages in English whatever LANG says: logs read the same on every host, and
    // the bundle's build-time --help text (scripts/build.mjs) is exactly what yargs prints.
    .locale('en')
    .usage('$0 <command> [options]\n\nConfigure an AWS Ground Station Agent host from one mission file.')
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces' })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only errors' })
    .command('validate <mission>', 'check a mission file (schema and rules); no network', (y) => sharedFlags(mission(y), []))
    .command('facts', 'print the host facts (IMDSv2, /sys, EC2) as JSON, for plan --facts', (y) => sharedFlags(y, ['host', 'aws']).option('skip-ec2-checks', skipEc2))
    .command('plan <mission>', 'print the plan and what apply would change; writes nothing', (y) =>
      onHost(y).option('facts', factsOpt).option('skip-ec2-checks', skipEc2))
    .command('apply <mission>', 'converge: group exists and matches, files rendered, agent restarted if its config changed', (y) =>
      onHost(y)
        .option('facts', factsOpt)
        .option('skip-ec2-checks', skipEc2)
        .option('dry-run', { type: 'boolean', default: false, describe: 'same as plan: write nothing' })
        .option('restart-agent', { type: 'boolean', default: true, describe: 'restart the agent when its config changed (only with --root /); --no-restart-agent opts out' })
        .option('apply-tuning', { type: 'boolean', default: false, describe: 'also load the sysctl drop-in and start the tuning unit now (only with --root /)' })
        .option('lock-wait', { type: 'number', default: 120, describe: 'seconds to wait for another run to finish' })
        .option('wait-for-contacts', { type: 'boolean', default: false, describe: 'when a contact holds this host, wait until it ends (bounded by --wait-max and --deadline), then finish' })
        .option('wait-max', { type: 'number', default: 3600, describe: 'seconds --wait-for-contacts may wait' })
        .option('guard-minutes', { type: 'number', describe: "treat a contact starting within this many minutes as holding the host (default: the mission's prePassSeconds + 5 min)" })
        .option('force', { type: 'boolean', default: false, describe: 'do the disruptive steps even while a contact holds this host (breaks the contact)' }))
    .command('status [mission]', 'the group this host manages: agent status, health, and drift of the rendered files', (y) =>
      sharedFlags(y, ['root', 'aws']).positional('mission', { type: 'string', describe: 'mission file (default: the one recorded in the state file)' })
        .option('wait', { type: 'number', default: 0, describe: 'poll up to this many seconds until every endpoint is ACTIVE and HEALTHY' })
        .option('all', { type: 'boolean', default: false, describe: 'also list groups tagged by this tool whose instance no longer exists' })
        .option('skip-ec2-checks', skipEc2))
    .command('destroy [mission]', 'delete the group this host owns and remove the rendered files', (y) =>
      sharedFlags(y, ['root', 'aws']).positional('mission', { type: 'string', describe: 'mission file (default: the one recorded in the state file)' })
        .option('yes', { type: 'boolean', default: false, describe: 'required: confirms the deletion' })
        .option('orphans', { type: 'boolean', default: false, describe: 'instead, delete groups tagged by this tool whose instance no longer exists' })
        .option('lock-wait', { type: 'number', default: 120, describe: 'seconds to wait for another run to finish' })
        .option('guard-minutes', { type: 'number', describe: "treat a contact starting within this many minutes as holding the host (default: the mission's prePassSeconds + 5 min)" })
        .option('force', { type: 'boolean', default: false, describe: 'destroy even while a contact holds this host (breaks the contact)' }))
    .command('doctor [mission]', 'check that this host is ready for a pass: one line per check (ok, warn, fail, unknown) with the fix', (y) =>
      sharedFlags(y, ALL).positional('mission', { type: 'string', describe: 'mission file (the checks that need the plan say "unknown" without it)' })
        .option('skip-ec2-checks', skipEc2))
    .command('iam-policy', 'print the least-privilege IAM policy for the API actions this tool calls', (y) => sharedFlags(y, []))
    .command('export <mission>', 'print the planned group as infrastructure as code', (y) =>
      sharedFlags(mission(y), ['host', 'aws'])
        .option('format', { choices: ['cloudformation', 'cloudformation-json', 'terraform-awscc', 'json'] as const, default: 'cloudformation', describe: 'output format' })
        .option('facts', factsOpt)
        .option('skip-ec2-checks', skipEc2))
    .command('check-template <template>', "report cross-field problems in a CloudFormation template's dataflow endpoint groups", (y) =>
      sharedFlags(y, []).positional('template', { type: 'string', demandOption: true, describe: 'CloudFormation template (YAML or JSON)' }))
    .command('sandbox', 'serve the IMDSv2/Ground Station/EC2 stand-ins on 127.0.0.1 and print export lines', (y) =>
      sharedFlags(y, []).option('port', { type: 'number', default: 0, describe: 'port (0 = any free port)' })
        .option('host', { type: 'string', describe: 'simulated host profile (an instance shape or a named multi-ENI host)' })
        .option('instance-type', { type: 'string', describe: 'alias of --host for a plain instance shape' })
        .option('fault', { type: 'string', array: true, default: [], describe: 'inject a fault (see README "Fault injection and chaos"); repeatable' })
        .option('verbose', { type: 'boolean', default: false, describe: 'log each request (action, status, fault) and the faults armed on stderr' })
        .option('break', { type: 'string', array: true, default: [], describe: 'make this doctor check fail on the simulated host (a check id, see README "Is this host ready?"); repeatable' })
        .option('agent-healthy', { type: 'boolean', default: false, describe: "simulate this host's agent running: every group on its addresses is registered and HEALTHY" }))
    .command('demo', 'start the sandbox in-process and apply an example mission into a temp root', (y) =>
      sharedFlags(y, ['root']).option('mission', { type: 'string', describe: 'mission file (default: examples/missions/wideband-downlink.yaml)' })
        .option('host', { type: 'string', describe: 'simulated host profile' })
        .option('keep', { type: 'boolean', default: false, describe: 'keep the temp directory with the files written (removed by default)' }))
    .demandCommand(1, 'name a command')
    .strict()
    .epilogue(EPILOGUE)
    .wrap(null)
    .help()
    .alias('help', 'h')
    .version(VERSION);
}
