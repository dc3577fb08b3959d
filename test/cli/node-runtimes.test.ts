// dnsleak on Node 24, the current LTS, beside the Node running the tests (the project's minimum, 20,
// on this project's machines). README recommends Node 24, where the same audit takes 21-26 % less
// time: it must give the same answers there. scripts/fetch-node.sh puts the pinned build in
// .cache/node/24/, and CI runs it first. When the suite itself runs on Node 24 (scripts/test-node24.sh),
// DNSLEAK_BASELINE_NODE names the machine's Node to compare with instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCases } from '../support/expected-counts.js';
import { REPO, runDnsleak } from '../support/run-dnsleak.js';

const NODE_24 = join(REPO, '.cache/node/24/bin/node');
const BASELINE = process.env.DNSLEAK_BASELINE_NODE ?? process.execPath;
const BASELINE_VERSION = execFileSync(BASELINE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
const missing = !existsSync(NODE_24)
  ? 'Node 24 in .cache/node/24 (run scripts/fetch-node.sh)'
  : BASELINE_VERSION.startsWith('24.')
    ? 'another Node to compare with: this suite runs on Node 24 (set DNSLEAK_BASELINE_NODE)'
    : null;
if (missing !== null) console.log(`skipping "dnsleak on Node 24": needs ${missing}`);

describe.skipIf(missing !== null)('dnsleak on Node 24', () => {
  it('is the Node 24 that scripts/fetch-node.sh pins', () => {
    const pinned = readFileSync(join(REPO, '.cache/node/24/version'), 'utf8').trim();
    expect(pinned).toMatch(/^24\./);
    expect(execFileSync(NODE_24, ['--version'], { encoding: 'utf8' })).toBe(`v${pinned}\n`);
  });

  for (const { capture, expectedFile, expected } of fixtureCases()) {
    it(`reports ${capture} (${expectedFile}) byte for byte as on Node ${BASELINE_VERSION}, with the same exit code`, () => {
      const args = ['audit', '--json', ...(expected.args ?? []), capture];
      const here = runDnsleak(args, {}, BASELINE);
      const there = runDnsleak(args, {}, NODE_24);
      expect(there.stdout).not.toBe('');
      expect({ status: there.status, stdout: there.stdout, stderr: there.stderr }).toEqual({ status: here.status, stdout: here.stdout, stderr: here.stderr });
    });
  }

  it('answers bad input with the same one line and exit 2', () => {
    for (const args of [['audit', 'no-such.pcap'], ['audit', 'package.json'], ['audit', '--frobnicate', 'x.pcap']]) {
      const there = runDnsleak(args, {}, NODE_24);
      expect(there).toEqual(runDnsleak(args, {}, BASELINE));
      expect([there.status, there.stderr.split('\n').length]).toEqual([2, 2]);
    }
  });
});
