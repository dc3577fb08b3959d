// What the dashboard renders: a snapshot of the audit plus the live facts only a running capture has.
// The UI reads these plain objects only; it never touches capture or audit state.
import type { LeakEvent, ReportV1 } from '../report/report-v1.js';

export type CaptureStatus = 'capturing' | 'closed' | 'not-captured';

export interface LiveInterface {
  name: string;
  status: CaptureStatus;
  /** Kernel drops (ps_drop + ps_ifdrop), or null when they could not be read. */
  drops: number | null;
}

export interface LiveView {
  report: ReportV1;
  /** Most recent leak events, newest last. */
  recentLeaks: LeakEvent[];
  /** Capture status of every interface seen, by name (rows of report.interfaces match by name). */
  captureStatus: LiveInterface[];
  startedAt: Date;
  elapsedSeconds: number;
  /** Packets per second over the last snapshot interval. */
  packetsPerSecond: number;
  paused: boolean;
}
