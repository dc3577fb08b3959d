// Builds what the dashboard and the final report show from the audit state and the capture's counters.
import type { AuditState } from '../audit/audit-state.js';
import { snapshot } from '../audit/snapshot.js';
import type { LiveInterfaceStats } from '../capture/live-capture.js';
import type { ReportV1 } from '../report/report-v1.js';
import type { LiveInterface } from '../ui/live-view.js';

export interface RunFacts {
  requireEncrypted: boolean;
}

/**
 * The run's report with kernel drops per interface. ps_drop only: ps_ifdrop is the interface's own
 * rx_dropped, which counts frames the stack discarded for reasons unrelated to capture.
 */
export function liveReport(state: AuditState, stats: LiveInterfaceStats[], facts: RunFacts): ReportV1 {
  const captured = stats.filter((s) => s.closedReason !== 'not-captured');
  const drops = new Map<string | null, number | null>(captured.map((s) => [s.name, s.kernel === null ? null : s.kernel.dropped]));
  // An interface never captured has no drop counter to read; its gap is stated as such instead.
  for (const s of stats) if (s.closedReason === 'not-captured') drops.set(s.name, 0);
  const uncaptured = stats.filter((s) => s.closedReason === 'not-captured').map((s) => s.name);
  return snapshot(state, { sources: ['live'], live: true, requireEncrypted: facts.requireEncrypted, drops, uncaptured });
}

export function captureStatus(stats: LiveInterfaceStats[]): LiveInterface[] {
  return stats.map((s) => ({
    name: s.name,
    status: s.closedReason === 'not-captured' ? 'not-captured' : s.open ? 'capturing' : 'closed',
    drops: s.kernel === null ? null : s.kernel.dropped,
  }));
}

