/**
 * The README's rehearsal works when pasted and cannot read a stale file, and every
 * `README "Section"` pointer in the examples and sources names a section a reader finds from
 * the README: one of its headings, or a page it links under that name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, spawnCollect } from '../../helpers/cli.ts';
import { headings, links, repoPath } from '../../helpers/markdown.ts';

const readme = await readFile(join(REPO, 'README.md'), 'utf8');
const START = '$ env=$(mktemp); bin/gs-agent-config sandbox --port 4566 >';

test('"Rehearse on a laptop": the line that starts the sandbox and loads its variables works as pasted', async () => {
  const line = readme.split('\n').find((l) => l.startsWith(START));
  assert.ok(line, 'the README has the one-line start');
  const dir = await mkdtemp(join(tmpdir(), 'gsac-readme-'));
  try {
    // Any free port instead of 4566; the rest as written (its temporary file lands in the private TMPDIR).
    const pasted = line.slice(2).replaceAll('--port 4566', '--port 0');
    const script = `${pasted}\nbin/gs-agent-config facts --skip-ec2-checks > ${join(dir, 'facts.json')} && echo "region=$AWS_REGION"\nkill %1\nwait\n`;
    const r = await spawnCollect('bash', ['-c', script], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: dir, TMPDIR: dir },
      timeoutMs: 90_000,
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^region=us-east-2$/m);
    assert.equal(JSON.parse(await readFile(join(dir, 'facts.json'), 'utf8')).instance.region, 'us-east-2');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('"Rehearse on a laptop": the one-line start reads a fresh temporary file, never one an earlier sandbox left', () => {
  const line = readme.split('\n').find((l) => l.startsWith(START)) ?? '';
  // The file is made by mktemp in the same line, the sandbox writes it, and only it is read.
  assert.match(line, /^\$ env=\$\(mktemp\); bin\/gs-agent-config sandbox --port 4566 > "\$env" & until grep -q '\^# serving' "\$env"/);
  assert.match(line, /; \. "\$env"$/);
  assert.doesNotMatch(line, /\/tmp\//, 'no fixed path that an earlier run could have left behind');
});

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(REPO, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

/** Whether `heading` names the section `name` (exactly, or followed by a parenthesised aside). */
const names = (heading: string, name: string) => heading === name || heading.startsWith(`${name} (`);

/** True when the README has the section, or links a page under that name whose heading it is. */
async function readerFinds(name: string): Promise<boolean> {
  if (headings(readme).some((h) => names(h, name))) return true;
  for (const l of links(readme).filter((l) => l.text === name)) {
    const page = await readFile(join(REPO, repoPath('README.md', l.target.split('#')[0])), 'utf8').catch(() => '');
    if (headings(page).some((h) => names(h, name))) return true;
  }
  return false;
}

test('every README "Section" pointer in examples/, src/ and templates/ names a section a reader finds from the README', async () => {
  let pointers = 0;
  for (const f of [...(await files('examples')), ...(await files('src')), ...(await files('templates'))]) {
    for (const m of (await readFile(join(REPO, f), 'utf8')).matchAll(/README "([^"]+)"/g)) {
      pointers++;
      assert.ok(
        await readerFinds(m[1]),
        `${f} points to README "${m[1]}", which is neither a README section nor a page the README links by that name`,
      );
    }
  }
  assert.ok(pointers > 10, `only ${pointers} pointers found`);
});
