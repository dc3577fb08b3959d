// Messages between the `watch` command (terminal, signals, dashboard) and the live engine (capture,
// decode, audit), which runs as a child process. Capture never waits for rendering: a slow frame of the
// dashboard cannot stall the ring drain, whose kernel buffer holds only tens of milliseconds at full
// rate. A child process rather than a worker thread: node_pcap never closes its libuv poll handles, and
// a worker's teardown aborts the whole process on open handles; a process can simply exit.
import type { Policy } from '../classify/policy.js';
import type { LeakEvent, ReportV1 } from '../report/report-v1.js';
import type { LiveInterface } from '../ui/live-view.js';

export interface EngineSettings {
  interfaces: string[];
  promiscuous: boolean;
  bufferSize: number | undefined;
  writePath: string | null;
  policy: Policy;
  requireEncrypted: boolean;
  /** Drop root to this user once the handles are open. */
  user: string | null;
  /** Send leak events as lines (no dashboard): 'json' for NDJSON, 'text', or null for none. */
  leakLines: 'json' | 'text' | null;
}

export type ToEngine = { type: 'view' } | { type: 'reset' } | { type: 'stop' };

export interface EngineView {
  report: ReportV1;
  recentLeaks: LeakEvent[];
  captureStatus: LiveInterface[];
}

export type FromEngine =
  | { type: 'ready' }
  | { type: 'failed'; message: string; usage: boolean }
  | { type: 'view'; view: EngineView }
  /** The engine's stdout (where leak lines go) was closed by its reader. */
  | { type: 'stdout-closed' }
  | { type: 'final'; report: ReportV1 };
