/** Every hostile contacts scenario (contacts-scenarios.ts), each through our own corrupting proxy and contacts-harness.ts. */
import { after, afterEach, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { makeFakePrograms, type FakePrograms } from '../../dist/examples/fake-programs.ts';
import { runContactsScenario } from './contacts-harness.ts';
import { contactsScenarios } from './contacts-scenarios.ts';

describe('hostile contacts answers', () => {
  let sb: Sandbox;
  let fakes: FakePrograms;
  before(async () => {
    sb = await startSandbox();
    fakes = await makeFakePrograms({ systemctl: '' });
  });
  after(async () => {
    await sb.close();
    await fakes.cleanup();
  });
  // Every scenario is on the same simulated host (same Elastic IP and ports): start from an empty account.
  afterEach(() => {
    sb.clearFaults();
    sb.contacts.contacts.clear();
    sb.groundStation.groups.clear();
  });
  for (const [i, s] of contactsScenarios.entries())
    test(s.name, async () => {
      await runContactsScenario(sb, s, `hc${i}`, fakes);
    });
});
