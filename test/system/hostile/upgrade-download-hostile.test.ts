/**
 * A hostile S3 (our own server, pointed at with AWS_ENDPOINT_URL_S3) against upgrade-agent's
 * download: an RPM that trickles in, one whose body never comes, one announced far larger than
 * an agent RPM, and an HTML page instead of the RPM. Each must end within --deadline (exit 5)
 * or be refused (exit 5 / 6), with one message, and nothing stopped or installed on the host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { agentRpm } from '../../../sandbox/agent-package.ts';
import { runMain } from '../../helpers/cli.ts';
import { applyRenamedExample } from '../../helpers/contacts-fixtures.ts';
import { rawServer } from '../../helpers/raw-server.ts';
import { useSandbox } from '../../helpers/sandbox-fixture.ts';

const f = useSandbox('hostile-upgrade', { agentVersion: '1.0.4382.0-1' });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const DEADLINE = 12;

interface Scenario {
  name: string;
  answer: (req: IncomingMessage, res: ServerResponse) => void;
  exit: number;
  message: RegExp;
}

const open = new Set<ServerResponse>();
const SCENARIOS: Scenario[] = [
  {
    name: 'trickles: one byte every 500 ms of a 30 MiB RPM',
    answer: (_req, res) => {
      open.add(res);
      res.writeHead(200, { 'content-type': 'application/x-rpm', 'content-length': String(30 * 1024 * 1024) });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('x')), 500);
      res.on('close', () => clearInterval(t));
    },
    exit: 5,
    message: /deadline|did not complete/,
  },
  {
    name: 'never ends: headers, then nothing',
    answer: (_req, res) => {
      open.add(res);
      res.writeHead(200, { 'content-type': 'application/x-rpm', 'content-length': '1000' });
      res.flushHeaders();
    },
    exit: 5,
    message: /sent nothing|deadline/,
  },
  {
    name: 'huge: announced 2 GiB',
    answer: (_req, res) => {
      open.add(res);
      res.writeHead(200, { 'content-type': 'application/x-rpm', 'content-length': String(2 * 1024 ** 3) });
      res.write('x');
    },
    exit: 5,
    message: /more than the 268435456-byte cap/,
  },
  {
    name: 'garbled: an HTML page with status 200',
    answer: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>captive portal</body></html>');
    },
    exit: 6,
    message: /checksum mismatch/,
  },
];

for (const s of SCENARIOS) {
  test(`hostile S3 ${s.name}: exit ${s.exit} within --deadline, nothing stopped`, async () => {
    const host = await applyRenamedExample(f.sb, 'hostile-upgrade', `h-${SCENARIOS.indexOf(s)}`);
    await mkdir(join(host.root, 'etc'), { recursive: true });
    await writeFile(join(host.root, 'etc/os-release'), 'ID="amzn"\nVERSION_ID="2"\n');
    await f.sb.agentPackage.reset('1.0.4382.0-1');
    const s3 = await rawServer(s.answer);
    try {
      const started = performance.now();
      const r = await runMain(
        [
          'upgrade-agent',
          '--root',
          host.root,
          '--deadline',
          String(DEADLINE),
          '--sha256',
          sha(agentRpm('1.0.5953.0', 'al2')),
          '--previous-sha256',
          sha(agentRpm('1.0.4382.0', 'al2')),
        ],
        { ...f.sb.env, AWS_ENDPOINT_URL_S3: s3.url },
      );
      const ms = performance.now() - started;
      assert.equal(r.code, s.exit, r.err);
      assert.match(r.err, s.message);
      assert.ok(ms <= DEADLINE * 1000 + 1000, `took ${Math.round(ms)} ms with --deadline ${DEADLINE}`);
      assert.ok(!/\n\s+at /.test(r.err), `no stack:\n${r.err}`);
      assert.deepEqual(await f.sb.agentPackage.steps(), [], 'nothing was stopped or installed');
      assert.equal(await f.sb.agentPackage.installed(), '1.0.4382.0-1');
    } finally {
      for (const res of open) res.destroy();
      open.clear();
      await s3.close();
    }
  });
}
