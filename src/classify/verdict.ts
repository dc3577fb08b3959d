// The gate: from what the audit saw to a verdict and exit code. Fails closed: "clean" only when every
// packet was seen and read.
import type { Verdict } from '../report/report-v1.js';
import { EXIT_CLEAN, EXIT_INCONCLUSIVE, EXIT_LEAK } from './exit-codes.js';

export interface Evidence {
  leaks: number;
  packets: number;
  truncated: boolean;
  /** Kernel drops; null when unknown. */
  drops: number | null;
  /** Live capture: drop counters are expected, and unreadable ones make the run inconclusive. */
  live: boolean;
  requireEncrypted: boolean;
  encryptedFlows: number;
  /** Interfaces that were up but could not be captured (appeared after privileges were dropped). */
  uncaptured?: readonly string[];
  /** DNS-over-TCP messages off loopback begun and never seen to their end (the capture stopped first, or their flow was evicted). */
  unfinishedTcpMessages?: number;
}

export interface Decision {
  verdict: Verdict;
  exitCode: 0 | 1 | 3;
  reasons: string[];
}

export function decideVerdict(evidence: Evidence): Decision {
  const failures = leakReasons(evidence);
  const gaps = evidenceGaps(evidence);
  // A leak wins, but what went unseen is still said: the leak found may not be the only one.
  if (failures.length > 0) return { verdict: 'leak', exitCode: EXIT_LEAK, reasons: [...failures, ...gaps] };
  if (gaps.length > 0) return { verdict: 'inconclusive', exitCode: EXIT_INCONCLUSIVE, reasons: gaps };
  return { verdict: 'clean', exitCode: EXIT_CLEAN, reasons: [] };
}

function leakReasons(evidence: Evidence): string[] {
  const reasons: string[] = [];
  if (evidence.leaks > 0) reasons.push(`${evidence.leaks} plaintext DNS message(s) left the host`);
  if (evidence.requireEncrypted && evidence.encryptedFlows === 0) {
    reasons.push('no encrypted DNS (DoT/DoQ) was seen, and --require-encrypted asks for it');
  }
  return reasons;
}

function evidenceGaps(evidence: Evidence): string[] {
  const reasons: string[] = [];
  if (evidence.truncated) reasons.push('the capture was cut short: packets after the cut were not seen');
  if (!evidence.live && evidence.packets === 0) reasons.push('the capture holds no packets');
  if (evidence.live && evidence.drops === null) reasons.push('kernel drop counters could not be read');
  if (evidence.drops !== null && evidence.drops > 0) reasons.push(`the kernel dropped ${evidence.drops} packet(s)`);
  for (const name of evidence.uncaptured ?? []) reasons.push(`interface ${name} came up after privileges were dropped and was not captured`);
  const unfinished = evidence.unfinishedTcpMessages ?? 0;
  if (unfinished > 0) reasons.push(`${unfinished} DNS-over-TCP message(s) off loopback were never seen to their end`);
  return reasons;
}
