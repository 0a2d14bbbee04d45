/**
 * The command table against what yargs prints from it, and the command line checked against
 * the table: messages as a user reads them, without spawning anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BREAKABLE_CHECKS } from '../../../sandbox/breakable-checks.ts';
import { HOST_PROFILE_NAMES } from '../../../sandbox/profile-names.ts';
import { HOST_PROFILES } from '../../../sandbox/hosts.ts';
import { listedOptions, usageLine } from '../../../src/cli/check-command-line.ts';
import { COMMANDS, commandNamed } from '../../../src/cli/command-table.ts';
import { readCommandLine } from '../../../src/cli/read-command-line.ts';
import { UsageError } from '../../../src/errors.ts';

async function helpOf(argv: string[]): Promise<string> {
  const read = await readCommandLine(argv);
  assert.ok('output' in read, `${argv.join(' ')} printed no help`);
  return read.output;
}

/** The message a command line is refused with (`error` line and details, as printed). */
async function refusal(argv: string[]): Promise<string> {
  const err = await readCommandLine(argv).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof UsageError, `${argv.join(' ')} was accepted`);
  return [err.message, ...err.details.map((d) => `  - ${d}`)].join('\n');
}

test('each --help lists the options the hints take from the table, in the same order, and starts with its usage line', async () => {
  const longOptions = (help: string) => [...help.matchAll(/^\s+(?:-\w, )?--([a-z0-9-]+)/gm)].map((m) => m[1]);
  assert.deepEqual(longOptions(await helpOf(['--help'])), listedOptions(undefined));
  for (const c of COMMANDS) {
    const help = await helpOf([c.name, '--help']);
    assert.deepEqual(longOptions(help.replace(/\n\nExamples:\n[\s\S]*$/, '')), listedOptions(c), c.name);
    assert.equal(help.split('\n')[0], usageLine(c), c.name);
  }
});

test('each command --help ends with two or three examples; the top level lists every command', async () => {
  for (const c of COMMANDS) {
    const examples = (await helpOf([c.name, '--help'])).split('\n\nExamples:\n')[1];
    assert.ok(examples, `${c.name} --help has no examples`);
    const lines = examples.trimEnd().split('\n');
    assert.ok(lines.length >= 2 && lines.length <= 3, `${c.name}: ${lines.length} examples`);
    for (const l of lines) assert.match(l, /^ {2}(gs-agent-config|aws) /, c.name);
  }
  const top = await helpOf(['--help']);
  for (const c of COMMANDS) assert.ok(top.includes(`\n  ${usageLine(c)} `), c.name);
});

test('--host lists the simulated profiles and --break the breakable checks, as the sandbox knows them', async () => {
  assert.deepEqual(Object.keys(HOST_PROFILES), [...HOST_PROFILE_NAMES]);
  const line = (help: string, flag: string) => help.split('\n').find((l) => l.trimStart().startsWith(`${flag} `)) ?? '';
  for (const cmd of ['sandbox', 'demo']) {
    const host = line(await helpOf([cmd, '--help']), '--host');
    assert.ok(host.includes(`one of: ${HOST_PROFILE_NAMES.join(', ')}`), `${cmd}: ${host}`);
  }
  const brk = line(await helpOf(['sandbox', '--help']), '--break');
  assert.ok(brk.includes(`one of: ${BREAKABLE_CHECKS.join(', ')}`), brk);
});

test('refusals come from the table, in the order a user meets them', async () => {
  assert.equal(
    await refusal(['aply']),
    `unknown command "aply"\n  - did you mean "apply"? (gs-agent-config apply --help)\n  - commands: ${COMMANDS.map((c) => c.name).join(', ')}`,
  );
  assert.match(await refusal([]), /^name a command\n/);
  // Without a command, an unknown option is said first.
  assert.equal(
    await refusal(['--wait', '3']),
    'unknown option: --wait\n  - --wait is an option of status, fleet\n  - see gs-agent-config --help',
  );
  // A missing positional, then values outside a choice, then strays, then unknown options.
  assert.match(await refusal(['export', '--frob', '--format', 'xml']), /^export needs a mission file \(YAML or JSON\)/);
  assert.equal(
    await refusal(['export', 'm.yaml', 'extra', '--frob', '--format', 'xml']),
    'Invalid values:\n  Argument: format, Given: "xml", Choices: "cloudformation", "cloudformation-json", "terraform-awscc", "json"\n  - see gs-agent-config --help',
  );
  assert.equal(await refusal(['status', 'a', 'b', '--frob']), 'unexpected argument: b\n  - usage: gs-agent-config status [mission]');
  assert.equal(await refusal(['apply', 'm.yaml', '--wiat', '3']), 'unknown option: --wiat\n  - see gs-agent-config --help');
  assert.equal(
    await refusal(['status', '--force']),
    'unknown option: --force\n  - --force is an option of apply, destroy, upgrade-agent\n  - see gs-agent-config --help',
  );
  // yargs' camelCase twin of an unknown kebab-case flag is not a second unknown option.
  assert.equal(
    await refusal(['plan', 'm.yaml', '--skip-ec2', '--fooBar']),
    'unknown options: --skip-ec2, --fooBar\n  - did you mean --skip-ec2-checks?\n  - see gs-agent-config --help',
  );
  // What follows `--` is no stray (and no option).
  const dashed = await readCommandLine(['status', '--', 'a', '--b']);
  assert.ok('args' in dashed);
  assert.equal(dashed.args._.join(' '), 'status a --b');
});

test('a command line that passes: the command of the table, values typed, camelCase keys as yargs gives them', async () => {
  const read = await readCommandLine(['apply', 'm.yaml', '--lock-wait', '30', '--no-restart-agent']);
  assert.ok('command' in read);
  assert.equal(read.command, commandNamed('apply'));
  assert.deepEqual([read.args.mission, read.args.lockWait, read.args.restartAgent, read.args.dryRun], ['m.yaml', 30, false, false]);
});
