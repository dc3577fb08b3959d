import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, hasCommand, REPO, runDnsleak } from '../support/run-dnsleak.js';

const MIXED = 'fixtures/generated/mixed-ethernet.pcap';
const CLEAN = 'fixtures/generated/clean-dot.pcapng';
const scratch = mkdtempSync(join(tmpdir(), 'dnsleak-gate-'));
const mixedBytes = readFileSync(join(REPO, MIXED));

function scratchFile(name: string, bytes: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

afterAll(() => execFileSync('rm', ['-rf', scratch]));

describe('the same capture in every container gives identical totals', () => {
  const reference = auditJson([MIXED]);
  const comparable = (report: { totals: unknown; interfaces: unknown; verdict: unknown }) => ({ totals: report.totals, interfaces: report.interfaces, verdict: report.verdict });

  it('is a leak to begin with (so parity is not vacuous)', () => {
    expect(reference.status).toBe(1);
    expect(reference.report.totals.leakedQueries).toBeGreaterThan(0);
  });
  it('gzip, detected by magic not by name', () => {
    const gz = scratchFile('mixed.bin', gzipSync(mixedBytes));
    expect(comparable(auditJson([gz]).report)).toEqual(comparable(reference.report));
  });
  it('standard input', () => {
    expect(comparable(auditJson(['-'], [], { input: mixedBytes }).report)).toEqual(comparable(reference.report));
  });
  it.skipIf(!hasCommand('editcap'))('its pcapng conversion by editcap', () => {
    const pcapng = join(scratch, 'mixed.pcapng');
    execFileSync('editcap', ['-F', 'pcapng', join(REPO, MIXED), pcapng]);
    expect(comparable(auditJson([pcapng]).report)).toEqual(comparable(reference.report));
  });
  if (!hasCommand('editcap')) console.log('skipped: editcap parity test needs editcap (Debian package wireshark-common)');
});

describe('exit codes of the gate', () => {
  it('0 for a clean capture, and 1 for it with --require-encrypted only when no DoT was seen', () => {
    expect(runDnsleak(['audit', CLEAN]).status).toBe(0);
    expect(runDnsleak(['audit', '--require-encrypted', CLEAN]).status).toBe(0);
    const noDot = auditJson(['fixtures/generated/null-loop.pcap'], ['--require-encrypted']);
    expect(noDot.report.totals.encryptedFlows).toBe(0);
    expect(noDot.status).toBe(1);
    expect(noDot.report.reasons).toContain('no encrypted DNS (DoT/DoQ) was seen, and --require-encrypted asks for it');
  });
  it('3 for a file cut short mid-record, with the packets before the cut still audited', () => {
    const clean = readFileSync(join(REPO, CLEAN));
    const cut = auditJson([scratchFile('cut.pcapng', clean.subarray(0, clean.length - 7))]);
    expect(cut.status).toBe(3);
    expect(cut.report.verdict).toBe('inconclusive');
    expect(cut.report.totals.truncated).toBe(true);
    expect(cut.report.totals.packets).toBeGreaterThan(0);
  });
  it('1, not 3, when a cut-short file still shows a leak: a leak wins', () => {
    const cut = auditJson([scratchFile('cut.pcap', mixedBytes.subarray(0, mixedBytes.length - 3))]);
    expect(cut.report.totals.truncated).toBe(true);
    expect(cut.status).toBe(1);
  });
  it('3 for a capture with a header and no packets', () => {
    const headerOnly = auditJson([scratchFile('header.pcap', mixedBytes.subarray(0, 24))]);
    expect(headerOnly.status).toBe(3);
    expect(headerOnly.report.reasons).toEqual(['the capture holds no packets']);
  });
});

describe('bad input: one line naming the file and the problem, exit 2', () => {
  const cases: [string, () => string, RegExp][] = [
    ['garbage', () => scratchFile('garbage.pcap', 'this is not a capture at all\n'), /^dnsleak: .*garbage\.pcap: not a pcap or pcapng file \(magic 0x[0-9a-f]{8}\)\n$/],
    ['an empty file', () => scratchFile('empty.pcap', ''), /^dnsleak: .*empty\.pcap: empty file\n$/],
    ['wrong magic', () => scratchFile('magic.pcap', Buffer.from('a1b2c3d5000000000000000000000000000000000000000', 'hex')), /magic\.pcap: not a pcap or pcapng file/],
    ['caplen too big', () => scratchFile('caplen.pcap', withCaplen(0xfffffff0)), /caplen\.pcap: .*captured length 4294967280/],
    ['a missing file', () => join(scratch, 'missing.pcap'), /missing\.pcap: no such file/],
  ];
  for (const [what, makeFile, message] of cases) {
    it(what, () => {
      const result = runDnsleak(['audit', makeFile()]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n').length).toBe(2);
    });
  }
  it('a usage error names the problem', () => {
    expect(runDnsleak(['audit']).stderr).toBe('dnsleak: audit: name at least one capture file (pcap, pcapng, gzip), or - for standard input\n');
    expect(runDnsleak(['audit', '--allow', 'nonsense', MIXED]).stderr).toBe('dnsleak: --allow "nonsense": expected an IP address, iface:NAME or link-local\n');
    expect(runDnsleak(['audit', '--bogus', MIXED]).status).toBe(2);
    expect(runDnsleak(['frobnicate']).status).toBe(2);
  });
});

/** The mixed capture with its first record's captured length replaced. */
function withCaplen(caplen: number): Buffer {
  const bytes = Buffer.from(mixedBytes.subarray(0, 24 + 16 + 64));
  bytes.writeUInt32LE(caplen, 24 + 8);
  return bytes;
}
