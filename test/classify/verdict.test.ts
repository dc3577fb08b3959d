import { describe, expect, it } from 'vitest';
import { decideVerdict, type Evidence } from '../../src/classify/verdict.js';

const seen: Evidence = { leaks: 0, packets: 10, truncated: false, drops: null, live: false, requireEncrypted: false, encryptedFlows: 1 };

describe('decideVerdict', () => {
  it('is clean only with every packet seen and no leak', () => {
    expect(decideVerdict(seen)).toEqual({ verdict: 'clean', exitCode: 0, reasons: [] });
  });
  it('fails on a leak, and a leak wins over incomplete evidence', () => {
    expect(decideVerdict({ ...seen, leaks: 2 }).exitCode).toBe(1);
    expect(decideVerdict({ ...seen, leaks: 1, truncated: true })).toEqual({
      verdict: 'leak',
      exitCode: 1,
      reasons: ['1 plaintext DNS message(s) left the host', 'the capture was cut short: packets after the cut were not seen'],
    });
    expect(decideVerdict({ ...seen, leaks: 1, live: true, drops: 5 }).verdict).toBe('leak');
  });
  it('is inconclusive for a cut-short file or one with no packets', () => {
    expect(decideVerdict({ ...seen, truncated: true })).toMatchObject({ verdict: 'inconclusive', exitCode: 3 });
    expect(decideVerdict({ ...seen, packets: 0 })).toMatchObject({ verdict: 'inconclusive', reasons: ['the capture holds no packets'] });
  });
  it('is inconclusive when an interface could not be captured (it came up after --user dropped root)', () => {
    expect(decideVerdict({ ...seen, live: true, drops: 0, uncaptured: ['tun0'] })).toEqual({
      verdict: 'inconclusive',
      exitCode: 3,
      reasons: ['interface tun0 came up after privileges were dropped and was not captured'],
    });
  });
  it('is inconclusive while a DNS-over-TCP message off loopback has not ended, and says how many', () => {
    expect(decideVerdict({ ...seen, unfinishedTcpMessages: 2 })).toEqual({
      verdict: 'inconclusive',
      exitCode: 3,
      reasons: ['2 DNS-over-TCP message(s) off loopback were never seen to their end'],
    });
    expect(decideVerdict({ ...seen, unfinishedTcpMessages: 0 }).verdict).toBe('clean');
  });
  it('is inconclusive live when the kernel dropped packets or drops are unknown, clean when idle', () => {
    expect(decideVerdict({ ...seen, live: true, drops: 3 }).exitCode).toBe(3);
    expect(decideVerdict({ ...seen, live: true, drops: null }).exitCode).toBe(3);
    expect(decideVerdict({ ...seen, live: true, drops: 0, packets: 0 }).exitCode).toBe(0);
  });
  it('turns "no encrypted DNS at all" into a failure with --require-encrypted', () => {
    expect(decideVerdict({ ...seen, encryptedFlows: 0, requireEncrypted: true }).exitCode).toBe(1);
    expect(decideVerdict({ ...seen, encryptedFlows: 0 }).exitCode).toBe(0);
  });
});
