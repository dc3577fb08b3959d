// One dashboard row per interface: the audit's counts joined by name with the live capture status.
// An interface being captured but with no packets yet still gets a row, so a silent interface shows.
import type { CaptureStatus, LiveView } from './live-view.js';
import { interfaceLabel } from '../report/terminal-safe.js';

export interface InterfaceRow {
  /** Terminal-safe name. */
  label: string;
  /** null when only the capture knows the interface (no packet audited yet). */
  loopback: boolean | null;
  /** null when the audit saw the interface but the capture does not list it. */
  status: CaptureStatus | null;
  stubQueries: number;
  leakedQueries: number;
  leakedResponses: number;
  linkLocalQueries: number;
  encryptedFlows: number;
  encryptedBytes: number;
  drops: number | null;
}

export function interfaceRows(view: LiveView): InterfaceRow[] {
  const live = new Map(view.captureStatus.map((entry) => [entry.name, entry]));
  const audited = new Set<string>();
  const rows: InterfaceRow[] = view.report.interfaces.map((counts) => {
    const entry = counts.name === null ? undefined : live.get(counts.name);
    if (counts.name !== null) audited.add(counts.name);
    return {
      label: interfaceLabel(counts.name),
      loopback: counts.loopback,
      status: entry?.status ?? null,
      stubQueries: counts.stubQueries,
      leakedQueries: counts.leakedQueries,
      leakedResponses: counts.leakedResponses,
      linkLocalQueries: counts.linkLocalQueries,
      encryptedFlows: counts.encryptedFlows,
      encryptedBytes: counts.encryptedBytes,
      // A captured interface's drops come from the kernel now; "unknown" there must show, not a stale 0.
      drops: entry === undefined ? counts.drops : entry.drops,
    };
  });
  for (const entry of view.captureStatus) {
    if (audited.has(entry.name)) continue;
    rows.push({
      label: interfaceLabel(entry.name),
      loopback: null,
      status: entry.status,
      stubQueries: 0,
      leakedQueries: 0,
      leakedResponses: 0,
      linkLocalQueries: 0,
      encryptedFlows: 0,
      encryptedBytes: 0,
      drops: entry.drops,
    });
  }
  return rows;
}
