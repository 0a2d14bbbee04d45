/**
 * Golden files: every example mission applied on the default simulated host (c5.24xlarge);
 * the rendered files must equal test/system/golden/<mission>/ byte for byte, with the group's random
 * uuid scrubbed. `UPDATE_GOLDEN=1 npm test` rewrites them (review the diff before committing).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../../sandbox/server.ts';
import { example, runMain } from '../../helpers/cli.ts';

const GOLDEN = fileURLToPath(new URL('.', import.meta.url));
const FILES = [
  'opt/aws/groundstation/etc/aws-gs-agent-config.json',
  'etc/sysctl.d/90-gs-agent-config-ports.conf',
  'etc/systemd/system/gs-agent-config-tuning.service',
  'var/lib/gs-agent-config/outputs.json',
];
const scrub = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<group-id>');

/** Applies each mission on the simulated host `profile`; golden files under test/system/golden/<dir>/<mission>/. */
function goldenSuite(title: string, profile: string | undefined, missions: () => Promise<string[]>, dir: string) {
  describe(title, async () => {
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox(profile ? { profile } : {});
    });
    after(async () => {
      await sb.close();
    });
    for (const mission of await missions()) {
      test(mission, async () => {
        const root = await mkdtemp(join(tmpdir(), 'gsac-golden-'));
        try {
          const r = await runMain(['apply', example(mission), '--root', root, '--json'], sb.env);
          assert.equal(r.code, 0, r.err);
          const want0 = join(GOLDEN, dir, basename(mission).replace(/\.(ya?ml|json)$/, ''));
          for (const f of FILES) {
            const got = scrub(await readFile(join(root, f), 'utf8'));
            const want = join(want0, f);
            if (process.env.UPDATE_GOLDEN) {
              await mkdir(dirname(want), { recursive: true });
              await writeFile(want, got);
            }
            assert.equal(got, await readFile(want, 'utf8'), `${mission}: ${f}`);
          }
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      });
    }
  });
}

goldenSuite(
  'golden files of the example missions',
  undefined,
  async () => (await readdir(fileURLToPath(new URL('../../../examples/missions/', import.meta.url)))).sort(),
  '.',
);

// Per-contact sizing: twelve endpoints in two profiles also plan on a c6i.32xlarge (socket 1, 19 cores).
goldenSuite('golden files on c6i.32xlarge', 'c6i.32xlarge', async () => ['twelve-downlinks-profiles.yaml'], 'c6i.32xlarge');
