/**
 * The command-line contract (README, architecture.md) as one typed table: every command, its
 * positional, options, examples and handler. yargs is built from it (parser.ts), the command
 * line is checked against it (check-command-line.ts, check-args.ts), the hints read it and
 * main() dispatches through it. Handlers load on first use, so `--help` loads none of them.
 */
import { BREAKABLE_CHECKS, SIMULATED_HEALTH_REASONS } from '../../sandbox/breakable-checks.ts';
import { HOST_PROFILE_NAMES } from '../../sandbox/profile-names.ts';
import { AGENT_STEPS } from '../../sandbox/agent-steps.ts';
import { SYS_VARIANTS } from '../../sandbox/sys-variants.ts';
import { defineCommand, type Command, type OptionTable, type SharedGroup } from './command-spec.ts';
import { WAIT_MARGIN_MS } from '../run-deadline.ts';
import { DEFAULT_DEADLINE_SECONDS, DEFAULT_LOCK_WAIT_SECONDS, PROGRAM, WAIT_WORK_SECONDS } from './conventions.ts';

export { DEFAULT_DEADLINE_SECONDS, PROGRAM };

/** Accepted by every command and listed in every --help. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean', default: false, describe: 'print one JSON object on stdout' },
  debug: { type: 'boolean', default: false, describe: 'print stack traces' },
  quiet: { type: 'boolean', default: false, describe: 'print only errors' },
} as const satisfies OptionTable;

/**
 * Flags shared by several commands, accepted by all (so that a wrapper passing --root or
 * --region to every call keeps working) and listed in a command's --help only when they
 * affect it (README "Command-line conventions"; `shows` in each command).
 */
export const SHARED_OPTIONS = {
  // No yargs default: a bare `--root` must reach checkArgs as "", not as "/"; main() fills in "/".
  root: {
    group: 'root',
    type: 'string',
    nonEmpty: true,
    defaultDescription: '"/"',
    describe: 'prefix for every path written (state and lock files too)',
  },
  'sys-root': {
    group: 'host',
    type: 'string',
    nonEmpty: true,
    describe: 'where /sys is read from (else $GS_AGENT_CONFIG_SYS_ROOT, else /sys)',
  },
  'proc-root': {
    group: 'host',
    type: 'string',
    nonEmpty: true,
    describe: 'where /proc is read from (else $GS_AGENT_CONFIG_PROC_ROOT, else /proc)',
  },
  region: { group: 'aws', type: 'string', nonEmpty: true, describe: "AWS region of the calls (else $AWS_REGION, else the instance's own)" },
  profile: {
    group: 'aws',
    type: 'string',
    nonEmpty: true,
    describe: 'credentials profile from ~/.aws (else $AWS_PROFILE, else the usual chain: environment, instance role)',
  },
  // No yargs default either: main() fills in DEFAULT_DEADLINE_SECONDS, so a hidden flag shows no default.
  deadline: {
    group: 'aws',
    type: 'number',
    defaultDescription: String(DEFAULT_DEADLINE_SECONDS),
    range: { min: 1, max: 3600, unit: 'seconds' },
    // The one statement of the rule for --deadline and the waits (src/cli/run-clock.ts implements it).
    describe: `seconds the whole run may take, waits included; then exit 5 naming the call it waited for. A --deadline given is never raised: a wait (--wait, --wait-max) ends ${WAIT_MARGIN_MS / 1000} s before it. Not given: ${DEFAULT_DEADLINE_SECONDS}, or a longer wait plus ${WAIT_WORK_SECONDS}`,
  },
} as const satisfies Readonly<Record<string, OptionTable[string] & { group: SharedGroup }>>;

const ALL: SharedGroup[] = ['root', 'host', 'aws'];

const mission = {
  name: 'mission',
  required: true,
  describe: 'mission file (YAML or JSON)',
  needs: { what: 'a mission file (YAML or JSON)', example: 'examples/missions/wideband-downlink.yaml' },
} as const;
const recordedMission = {
  name: 'mission',
  required: false,
  describe: 'mission file (default: the one recorded in the state file)',
} as const;
const facts = { type: 'string', nonEmpty: true, describe: 'read host facts from this JSON file instead of IMDS, /sys and EC2' } as const;
const skipEc2 = {
  type: 'boolean',
  default: false,
  describe: 'do not call EC2 (no Elastic IP verification); for roles without ec2:Describe*',
} as const;
const lockWait = {
  type: 'number',
  default: DEFAULT_LOCK_WAIT_SECONDS,
  range: { min: 0, max: 3600, unit: 'seconds' },
  describe: 'seconds to wait for another run to finish',
} as const;
const guardMinutes = {
  type: 'number',
  describe: "treat a contact starting within this many minutes as holding the host (default: the mission's prePassSeconds + 5 min)",
} as const;
const detailedExitcode = {
  type: 'boolean',
  default: false,
  describe: 'exit 9 when anything would change (group, tags, any file), 0 when nothing would',
} as const;
const reportCompliance = {
  type: 'boolean',
  default: false,
  describe: "also put this host's state into SSM Compliance as Custom:GsAgentConfig (needs ssm:PutComplianceItems); a failure is a warning",
} as const;
const hostProfile = (describe: string) => ({ type: 'string', values: HOST_PROFILE_NAMES, describe }) as const;

/** Every command, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand({
    name: 'validate',
    describe: 'check a mission file (schema and rules); no network',
    positional: mission,
    shows: [],
    options: {},
    examples: [
      ['$0 validate mission.yaml', 'check a mission file before it reaches a host'],
      ['$0 validate - < mission.yaml', 'read the mission from standard input'],
    ],
    run: async (args, rt) => (await import('./commands/validate.ts')).runValidate(args, rt),
  }),
  defineCommand({
    name: 'facts',
    describe: 'print the host facts (IMDSv2, /sys, EC2) as JSON, for plan --facts',
    shows: ['host', 'aws'],
    options: { 'skip-ec2-checks': skipEc2 },
    examples: [
      ['$0 facts > facts.json', "save this host's facts, to plan elsewhere with plan --facts facts.json"],
      ['$0 facts --skip-ec2-checks', 'without EC2 calls (a role without ec2:Describe*)'],
    ],
    run: async (args, rt) => (await import('./commands/facts.ts')).runFacts(args, rt),
  }),
  defineCommand({
    name: 'plan',
    describe: 'print the plan and what apply would change; writes nothing',
    positional: mission,
    shows: ALL,
    options: { facts, 'skip-ec2-checks': skipEc2, 'detailed-exitcode': detailedExitcode },
    examples: [
      ['$0 plan mission.yaml', 'what apply would change on this host'],
      ['$0 plan mission.yaml --detailed-exitcode', 'exit 9 when apply would change something, 0 when not'],
      ['$0 plan mission.yaml --facts facts.json', 'plan on another machine, from the facts a host printed'],
    ],
    run: async (args, rt) => (await import('./commands/plan.ts')).runPlan(args, rt),
  }),
  defineCommand({
    name: 'apply',
    describe: 'converge: group exists and matches, files rendered, agent restarted if its config changed',
    positional: mission,
    shows: ALL,
    options: {
      facts,
      'skip-ec2-checks': skipEc2,
      'dry-run': { type: 'boolean', default: false, describe: 'same as plan: write nothing' },
      'restart-agent': {
        type: 'boolean',
        default: true,
        describe: 'restart the agent when its config changed (only with --root /); --no-restart-agent opts out',
      },
      'apply-tuning': {
        type: 'boolean',
        default: false,
        describe: 'also load the sysctl drop-in and start the tuning unit now (only with --root /)',
      },
      'lock-wait': lockWait,
      'wait-for-contacts': {
        type: 'boolean',
        default: false,
        describe: 'when a contact holds this host, wait until it ends (up to --wait-max, within --deadline), then finish',
      },
      'wait-max': { type: 'number', default: 3600, describe: 'seconds --wait-for-contacts may wait (within --deadline: see there)' },
      'guard-minutes': guardMinutes,
      force: {
        type: 'boolean',
        default: false,
        describe: 'do the disruptive steps even while a contact holds this host (breaks the contact)',
      },
      'detailed-exitcode': { ...detailedExitcode, describe: `with --dry-run: ${detailedExitcode.describe}` },
      'report-compliance': reportCompliance,
    },
    examples: [
      ['$0 apply mission.yaml', 'create or keep the group, write the agent config and tuning, restart the agent if needed'],
      [
        '$0 apply mission.yaml --root "$(mktemp -d)"',
        'rehearse: write every file under a scratch directory, touch nothing else on the host',
      ],
      ['$0 apply mission.yaml --wait-for-contacts', 'when a contact holds this host, wait for it to end instead of deferring (exit 8)'],
    ],
    run: async (args, rt) => (await import('./commands/apply.ts')).runApply(args, rt),
  }),
  defineCommand({
    name: 'status',
    describe: 'the group this host manages: agent status, health, and drift of the rendered files',
    positional: recordedMission,
    shows: ['root', 'aws'],
    options: {
      wait: {
        type: 'number',
        default: 0,
        range: { min: 0, max: 3600, unit: 'seconds' },
        describe: 'poll up to this many seconds until every endpoint is ACTIVE and HEALTHY (within --deadline: see there)',
      },
      all: { type: 'boolean', default: false, describe: 'also list groups tagged by this tool whose instance no longer exists' },
      'skip-ec2-checks': skipEc2,
      'report-compliance': reportCompliance,
    },
    examples: [
      ['$0 status', 'the group recorded in the state file: endpoints, health, file drift, next contacts'],
      ['$0 status --wait 300', 'before a contact: wait up to 5 minutes for every endpoint to be ACTIVE and HEALTHY'],
      ['$0 status --all --json', 'also the orphaned groups, as one JSON object'],
    ],
    run: async (args, rt) => (await import('./commands/status.ts')).runStatus(args, rt),
  }),
  defineCommand({
    name: 'destroy',
    describe: 'delete the group this host owns and remove the rendered files',
    positional: recordedMission,
    shows: ['root', 'aws'],
    options: {
      yes: { type: 'boolean', default: false, describe: 'required: confirms the deletion' },
      orphans: { type: 'boolean', default: false, describe: 'instead, delete groups tagged by this tool whose instance no longer exists' },
      'lock-wait': lockWait,
      'guard-minutes': guardMinutes,
      force: { type: 'boolean', default: false, describe: 'destroy even while a contact holds this host (breaks the contact)' },
    },
    examples: [
      ['$0 destroy --yes', 'delete the group recorded in the state file and the files apply wrote'],
      ['$0 destroy --orphans --yes', 'delete the groups whose instance no longer exists'],
    ],
    run: async (args, rt) => (await import('./commands/destroy.ts')).runDestroy(args, rt),
  }),
  defineCommand({
    name: 'doctor',
    describe: 'check that this host is ready for a pass: one line per check (ok, warn, fail, unknown) with the fix',
    positional: { name: 'mission', required: false, describe: 'mission file (the checks that need the plan say "unknown" without it)' },
    shows: ALL,
    options: { 'skip-ec2-checks': skipEc2 },
    examples: [
      ['$0 doctor mission.yaml', 'every readiness check, with the plan of this mission'],
      ['$0 doctor --json', 'the checks as one JSON object, e.g. for a fleet report'],
    ],
    run: async (args, rt) => (await import('./commands/doctor.ts')).runDoctor(args, rt),
  }),
  defineCommand({
    name: 'upgrade-agent',
    describe: 'upgrade aws-groundstation-agent without losing a pass: verified RPM, stop → install → daemon-reload → start, rollback',
    shows: ALL,
    options: {
      rpm: {
        type: 'string',
        nonEmpty: true,
        describe: "install this RPM (else the newest release of this host's OS build, from AWS's regional bucket)",
      },
      sha256: {
        type: 'string',
        nonEmpty: true,
        describe: "the RPM's SHA-256 (default: the one AWS publishes, from the release table)",
      },
      'previous-sha256': {
        type: 'string',
        nonEmpty: true,
        describe: "the SHA-256 of the installed version's RPM, kept for a rollback (default: the release table's)",
      },
      'dry-run': { type: 'boolean', default: false, describe: 'print every step it would take; download, stop and install nothing' },
      'allow-downgrade': { type: 'boolean', default: false, describe: 'allow a target older than the installed version' },
      'wait-for-contacts': {
        type: 'boolean',
        default: false,
        describe: 'when a contact holds this host, wait until it ends (up to --wait-max, within --deadline), then upgrade',
      },
      'wait-max': { type: 'number', default: 3600, describe: 'seconds --wait-for-contacts may wait (within --deadline: see there)' },
      'guard-minutes': guardMinutes,
      force: { type: 'boolean', default: false, describe: 'upgrade even while a contact holds this host (breaks the contact)' },
    },
    examples: [
      ['$0 upgrade-agent --dry-run', 'the steps: which version, from where, and the commands it would run'],
      [
        '$0 upgrade-agent --wait-for-contacts --deadline 3900',
        'upgrade to the newest release for this OS, after the contact in progress if there is one',
      ],
      [
        '$0 upgrade-agent --rpm ./aws-groundstation-agent.rpm --sha256 HEX',
        'install an RPM you downloaded, checked against the SHA-256 AWS publishes',
      ],
    ],
    run: async (args, rt) => (await import('./commands/upgrade-agent.ts')).runUpgradeAgent(args, rt),
  }),
  defineCommand({
    name: 'iam-policy',
    describe: 'print the least-privilege IAM policy for the API actions this tool calls',
    shows: [],
    options: {
      fleet: {
        type: 'boolean',
        default: false,
        describe: 'instead, the read-only policy of the `fleet` command (an operator or dashboard role)',
      },
    },
    examples: [
      ['$0 iam-policy > policy.json', 'the policy document, to attach to the instance role'],
      ['aws iam put-role-policy --role-name ROLE --policy-name gs-agent-config --policy-document file://policy.json', 'attach it inline'],
      ['$0 iam-policy --fleet > fleet-viewer.json', 'the read-only policy for running `fleet` from a laptop'],
    ],
    run: async (args, rt) => (await import('./commands/iam-policy.ts')).runIamPolicy(args, rt),
  }),
  defineCommand({
    name: 'export',
    describe: 'print the planned group as infrastructure as code',
    positional: mission,
    shows: ['host', 'aws'],
    options: {
      format: {
        type: 'choice',
        choices: ['cloudformation', 'cloudformation-json', 'terraform-awscc', 'json'],
        default: 'cloudformation',
        describe: 'output format',
      },
      facts,
      'skip-ec2-checks': skipEc2,
    },
    examples: [
      ['$0 export mission.yaml > group.yaml', 'the group as a CloudFormation template'],
      ['$0 export mission.yaml --format terraform-awscc --facts facts.json', 'as Terraform (awscc provider), from facts saved on the host'],
    ],
    run: async (args, rt) => (await import('./commands/export.ts')).runExport(args, rt),
  }),
  defineCommand({
    name: 'check-template',
    describe: "report cross-field problems in a CloudFormation template's dataflow endpoint groups",
    positional: {
      name: 'template',
      required: true,
      describe: 'CloudFormation template (YAML or JSON)',
      needs: { what: 'a template file', example: 'template.yaml' },
    },
    shows: [],
    options: {},
    examples: [
      ['$0 check-template template.yaml', 'the problems AWS would only report at deployment'],
      ['$0 check-template template.json --json', 'the findings as one JSON object'],
    ],
    run: async (args, rt) => (await import('./commands/check-template.ts')).runCheckTemplate(args, rt),
  }),
  defineCommand({
    name: 'fleet',
    describe: 'every host this tool manages in the region: instance, mission, health, compliance, next contact, orphans',
    shows: ['aws'],
    options: {
      mission: { type: 'string', nonEmpty: true, describe: 'only the hosts of this mission (its name)' },
      wait: {
        type: 'number',
        default: 0,
        range: { min: 0, max: 3600, unit: 'seconds' },
        describe: 'poll up to this many seconds until every host is converged and healthy',
      },
    },
    examples: [
      ['$0 fleet', 'one line a host and a summary; exit 0 when every host is converged and healthy, 6 otherwise'],
      ['$0 fleet --mission noaa20-wideband --wait 900', "watch a rollout: poll up to 15 minutes until the mission's hosts are converged"],
      ['$0 fleet --json', '{"hosts":[…],"summary":{…}}'],
    ],
    run: async (args, rt) => (await import('./commands/fleet.ts')).runFleet(args, rt),
  }),
  defineCommand({
    name: 'sandbox',
    describe: 'serve the IMDSv2/Ground Station/EC2 stand-ins on 127.0.0.1 and print export lines',
    shows: [],
    options: {
      port: {
        type: 'number',
        default: 0,
        range: { min: 0, max: 65535, integer: true, unit: 'a TCP port; 0 = any free port' },
        describe: 'port (0 = any free port)',
      },
      host: hostProfile('simulated host profile (an instance shape or a named multi-ENI host)'),
      'instance-type': { type: 'string', describe: 'alias of --host for a plain instance shape' },
      fault: { type: 'strings', default: [], describe: 'inject a fault (see README "Fault injection and chaos"); repeatable' },
      verbose: { type: 'boolean', default: false, describe: 'log each request (action, status, fault) and the faults armed on stderr' },
      break: {
        type: 'strings',
        default: [],
        values: BREAKABLE_CHECKS,
        describe: 'make this doctor check fail on the simulated host (a check id, see README "Is this host ready?"); repeatable',
      },
      sys: {
        type: 'strings',
        default: [],
        values: SYS_VARIANTS,
        describe: 'write the simulated /sys as a real kernel may show it (sandbox/README.md "A real kernel\'s /sys"); repeatable',
      },
      'agent-healthy': {
        type: 'boolean',
        default: false,
        describe: "simulate this host's agent running: every group on its addresses is registered and HEALTHY",
      },
      fleet: {
        type: 'number',
        default: 1,
        range: { min: 1, max: 200, integer: true, unit: 'hosts' },
        describe: "simulate N hosts behind one Ground Station, EC2, tagging and SSM; every host's exports go to a file per host",
      },
      'time-scale': {
        type: 'number',
        default: 1,
        range: { min: 1, max: 3600, unit: 'simulated seconds per second' },
        describe: "run the sandbox's clock N times faster (a pass rehearsed in minutes)",
      },
      'agent-version': {
        type: 'string',
        describe: 'the installed agent\'s version-release (default 1.0.5953.0-1; "" for none), to rehearse upgrade-agent',
      },
      'fail-agent-step': {
        type: 'choice',
        choices: [...AGENT_STEPS],
        describe: 'make this step of an agent upgrade fail once (stop, install, daemon-reload, start)',
      },
      'fresh-account': {
        type: 'boolean',
        default: false,
        describe: "no Ground Station service-linked role yet: the first create makes it with the caller's iam:CreateServiceLinkedRole",
      },
      'no-slr-permission': {
        type: 'boolean',
        default: false,
        describe: 'no service-linked role and the caller may not create it: new groups report NOT_AUTHORIZED_TO_CREATE_SLR',
      },
      'group-quota': {
        type: 'number',
        range: { min: 0, max: 100000, integer: true, unit: 'dataflow endpoint groups per region (quota L-D6A1915B)' },
        describe: 'a create past this many groups answers ServiceQuotaExceededException (AWS default 100; not enforced unless given)',
      },
      'health-reason': {
        type: 'string',
        values: SIMULATED_HEALTH_REASONS,
        describe: 'every group created reports this health reason (UNHEALTHY)',
      },
    },
    examples: [
      ['$0 sandbox --host two-eni', 'serve a host with two network interfaces; paste the printed export lines into another shell'],
      ['$0 sandbox --fleet 5 --agent-healthy --time-scale 60', 'five hosts (exports of each in a file per host), a clock 60 times faster'],
      [
        "$0 sandbox --fault 'groundstation:CreateDataflowEndpointGroupV2=503*'",
        'every create answers 503 (EFFECT* = always; EFFECT*2 = twice)',
      ],
    ],
    run: async (args, rt) => (await import('./commands/sandbox.ts')).runSandbox(args, rt),
  }),
  defineCommand({
    name: 'demo',
    describe: 'start the sandbox in-process and apply an example mission into a temp root',
    shows: ['root'],
    options: {
      mission: { type: 'string', describe: 'mission file (default: examples/missions/wideband-downlink.yaml)' },
      host: hostProfile('simulated host profile'),
      keep: { type: 'boolean', default: false, describe: 'keep the temp directory with the files written (removed by default)' },
    },
    examples: [
      ['$0 demo', 'the whole job on the embedded sandbox, files removed afterwards'],
      ['$0 demo --keep --host two-eni', 'on a two-interface host, keeping the files to look at'],
    ],
    run: async (args, rt) => (await import('./commands/demo.ts')).runDemo(args, rt),
  }),
];

/** The command named `name`, if there is one. */
export function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** The shared flags `command` lists in its --help. */
export function sharedShown(command: Command): string[] {
  return Object.entries(SHARED_OPTIONS)
    .filter(([, o]) => command.shows.includes(o.group))
    .map(([name]) => name);
}

/** Every option `command` accepts: global, shared, its own. */
export function optionsOf(command: Command): OptionTable {
  return { ...GLOBAL_OPTIONS, ...SHARED_OPTIONS, ...command.options };
}
