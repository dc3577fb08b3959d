// `dnsleak watch`: live capture on every interface into the same audit as `audit`, shown on the ink
// dashboard (or as lines when stdout is not a terminal), ending with the gate's report and exit code.
// The capture and audit run in a child process (watch-engine.ts); this one owns the terminal and signals.
import { fork } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { jsonReport } from '../report/json-report.js';
import type { ReportV1 } from '../report/report-v1.js';
import { textReport } from '../report/text-report.js';
import type { Dashboard } from './watch-dashboard.js';
import { dropPrivileges } from './drop-privileges.js';
import { parseWatchOptions, type WatchOptions } from './watch-options.js';
import type { EngineSettings, EngineView, FromEngine, ToEngine } from './watch-protocol.js';
import { writeOut } from './write-out.js';

/** Niceness of the dashboard's process (the engine, forked before, keeps the caller's). */
const DASHBOARD_NICENESS = 10;

type StopReason = 'duration' | 'signal' | 'quit' | 'broken-pipe' | 'engine-failed';

/** Whoever notices first (this process or the engine, which writes the leak lines) that stdout's reader left. */
let brokenPipe: () => void = () => {};
const stdoutClosed = new Promise<void>((resolve) => (brokenPipe = resolve));

export async function runWatch(args: string[]): Promise<number> {
  const options = parseWatchOptions(args, process.stdout.isTTY === true);
  const engine = startEngine(options);
  // Opened before privileges are dropped, like the --write file, so the path may be root's.
  const reportFile = options.reportPath === null ? null : openSync(options.reportPath, 'w');
  try {
    await engine.ready;
  } catch (error) {
    engine.abandon();
    throw error;
  }
  // The engine dropped root after opening its handles; this process, which only draws, follows.
  if (options.user !== null) dropPrivileges(options.user);
  // The engine drains a ring that holds tens of milliseconds at full rate; drawing can wait. Measured on
  // 2 cores: with the dashboard at the same priority, a 200k-query burst lost up to half its packets.
  if (options.tui) setPriority(DASHBOARD_NICENESS);
  const dashboard = options.tui ? await openDashboard(engine) : null;
  const reason = await Promise.race([untilStopped(options, dashboard), engine.failed]);
  const report = await engine.stop();
  dashboard?.unmount();
  process.exitCode = reason === 'engine-failed' || report === null ? 2 : report.exitCode;
  if (reportFile !== null && report !== null) writeFileSync(reportFile, jsonReport(report));
  if (reason !== 'broken-pipe' && report !== null) await writeOut(options.json ? jsonReport(report) : textReport(report));
  // A run whose engine failed proves nothing: exit 2 even if it saw no leak. node_pcap frees a closed
  // handle only when a packet arrives, and its poll would keep the process alive: exit explicitly.
  process.exit();
}

/**
 * Loads ink only for the dashboard. ink stops drawing live frames when the CI variable is set; the
 * dashboard runs only when stdout is a terminal, where somebody is watching, so CI must not switch it off.
 */
async function openDashboard(engine: Engine): Promise<Dashboard> {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { startDashboard } = await import('./watch-dashboard.js');
  return startDashboard(engine);
}

export type Engine = ReturnType<typeof startEngine>;

function startEngine(options: WatchOptions) {
  const settings: EngineSettings = {
    interfaces: options.interfaces,
    promiscuous: options.promiscuous,
    bufferSize: options.bufferSize,
    writePath: options.writePath,
    policy: options.policy,
    requireEncrypted: options.requireEncrypted,
    user: options.user,
    leakLines: options.tui ? null : options.json ? 'json' : 'text',
  };
  // Advanced serialization carries the policy's Sets; leak lines go straight to the shared stdout.
  const child = fork(fileURLToPath(new URL('./watch-engine.js', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  child.send(settings);
  const post = (message: ToEngine) => void child.send(message);
  let onView: ((view: EngineView) => void) | null = null;
  let onFinal: ((report: ReportV1) => void) | null = null;
  let started = false;
  let finished = false;
  let ready!: () => void;
  let fail!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolve, reject) => ((ready = resolve), (fail = reject)));
  // A failure before `ready` rejects startup (exit 2); after it, the run ends with what was seen.
  const failed = new Promise<StopReason>((resolve) => {
    child.on('message', (message: FromEngine) => {
      if (message.type === 'ready') {
        started = true;
        ready();
      }
      else if (message.type === 'stdout-closed') brokenPipe();
      else if (message.type === 'view') onView?.(message.view);
      else if (message.type === 'final') {
        finished = true;
        onFinal?.(message.report);
      }
      else if (message.type === 'failed') failWith(message.usage ? new UsageError(`watch: ${message.message}`) : new Error(message.message));
    });
    child.on('error', failWith);
    child.on('exit', (code, signal) => {
      if (!finished) failWith(new Error(`the capture engine ended (${signal ?? `exit ${code}`})`));
    });
    function failWith(error: Error): void {
      // Before ready, startup fails (one line, exit 2, from the top-level handler); after, the run ends.
      if (started) process.stderr.write(`dnsleak: watch: ${error.message.replace(/[\r\n]+/g, ' ')}\n`);
      fail(error);
      resolve('engine-failed');
    }
  });
  return {
    ready: readyPromise,
    failed,
    request(listener: (view: EngineView) => void): void {
      onView = listener;
      post({ type: 'view' });
    },
    reset: () => post({ type: 'reset' }),
    /** Lets this process exit without the engine (which ends itself on disconnect). */
    abandon: () => child.connected && child.disconnect(),
    /** The final report, or null when the engine cannot give one within 5 s. */
    /** The final report once the engine has exited (so its resources are accounted to this process). */
    stop(): Promise<ReportV1 | null> {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      const final = new Promise<ReportV1 | null>((resolve) => {
        onFinal = resolve;
        post({ type: 'stop' });
      });
      const giveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref());
      return Promise.race([Promise.all([final, exited]).then(([report]) => report), giveUp]);
    },
  };
}

/** Resolves when the run should end: --for elapsed, SIGINT/SIGTERM/SIGHUP, `q`, or stdout closed. */
function untilStopped(options: WatchOptions, dashboard: Dashboard | null): Promise<StopReason> {
  return new Promise((resolve) => {
    stdoutClosed.then(() => resolve('broken-pipe'));
    if (options.durationMs !== null) setTimeout(() => resolve('duration'), options.durationMs);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve('signal'));
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') brokenPipe();
    });
    dashboard?.onQuit(() => resolve('quit'));
  });
}
