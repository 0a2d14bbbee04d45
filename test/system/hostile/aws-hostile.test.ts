/** Every hostile AWS scenario (aws-scenarios.ts), each through our own corrupting proxy. */
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { awsScenarios } from './aws-scenarios.ts';
import { runAwsScenario } from './run-aws-scenario.ts';

describe('hostile AWS answers', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(async () => {
    await sb.close();
  });
  for (const s of awsScenarios)
    test(s.name, async () => {
      await runAwsScenario(sb, s);
    });
});
