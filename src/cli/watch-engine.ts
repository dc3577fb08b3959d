// The live engine, run as a child process by `watch`: live capture into the same audit sink and state
// as the offline audit, answering the command's requests for snapshots and its stop. Leak lines go
// straight to the shared stdout.
import { setPriority } from 'node:os';
import { createAuditSink } from '../audit/audit-sink.js';
import { createAuditState, type AuditState } from '../audit/audit-state.js';
import { leakEvent, recentLeaks } from '../audit/snapshot.js';
import { CaptureOpenError, CapturePermissionError, UnknownInterfaceError } from '../capture/capture-errors.js';
import { openLiveCapture, type LiveCapture } from '../capture/live-capture.js';
import { UsageError } from '../errors.js';
import type { CaptureInterface, Frame, FrameSink } from '../frame.js';
import { leakJsonLine, leakTextLine } from '../report/leak-line.js';
import { sinceBaseline } from '../report/since-baseline.js';
import type { ReportV1 } from '../report/report-v1.js';
import { openPcapngFileSink, type PcapngFileSink } from '../write/pcapng-file-sink.js';
import { dropPrivileges } from './drop-privileges.js';
import { tuneHeapForAudit } from './heap-tuning.js';
import { createLineOutput } from './line-output.js';
import type { EngineSettings, FromEngine, ToEngine } from './watch-protocol.js';
import { captureStatus, liveReport } from './watch-view.js';

const ENGINE_NICENESS = -5;

tuneHeapForAudit();

const send = (message: FromEngine, then: () => void = () => {}): void => void process.send!(message, undefined, {}, then);

// The terminal's signals reach the whole process group; the command decides when the run ends.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});
// Without the command there is nobody to report to: end the capture with it.
process.on('disconnect', () => process.exit(2));
process.stdout.on('error', () => send({ type: 'stdout-closed' }));
process.once('message', (settings: EngineSettings) => void start(settings));
raisePriority();

/**
 * The ring holds tens of milliseconds of traffic at full rate: the drain must be scheduled before
 * anything that can wait. Only root (CAP_SYS_NICE) may raise it; otherwise it stays as it is.
 */
function raisePriority(): void {
  try {
    setPriority(ENGINE_NICENESS);
  } catch {
    // Not permitted: the dashboard lowers its own priority instead (see watch.ts).
  }
}

async function start(settings: EngineSettings): Promise<void> {
  try {
    await run(settings);
  } catch (error) {
    // Startup failed (no privilege, unknown interface, unwritable --write): nothing to capture.
    send(failure(error), () => process.exit(2));
  }
}

async function run(settings: EngineSettings): Promise<void> {
  const lines = createLineOutput((text) => process.stdout.write(text));
  const state = createAuditState(settings.policy, undefined, {
    onLeak: settings.leakLines === null ? undefined : (record) => {
      const event = leakEvent(record, state.encryptedServers);
      lines.push(settings.leakLines === 'json' ? leakJsonLine(event) : leakTextLine(event));
    },
  });
  const file = settings.writePath === null ? null : await openWriteFile(settings.writePath);
  let stopping = false;
  const capture = openLiveCapture(
    { interfaces: settings.interfaces, promiscuous: settings.promiscuous, bufferSize: settings.bufferSize },
    liveSink(state, file),
    {
      onError: (error) => send(failure(error)),
      onWarning: (message) => void process.stderr.write(`dnsleak: warning: ${message.replace(/[\r\n]+/g, ' ')}\n`),
    },
  );
  if (settings.user !== null) {
    try {
      dropPrivileges(settings.user);
    } catch (error) {
      capture.stop();
      throw error;
    }
  }
  send({ type: 'ready' });
  let baseline: Baseline | null = null;

  process.on('message', async (message: ToEngine) => {
    if (message.type === 'view') send({ type: 'view', view: view(settings, state, capture, baseline) });
    else if (message.type === 'reset') {
      const report = { ...liveReport(state, capture.stats(), settings), leaks: [] };
      baseline = { report, leaks: state.leaks.total, label: `reset at ${new Date().toISOString().slice(11, 19)}Z` };
    }
    else if (message.type === 'stop' && !stopping) {
      stopping = true;
      await capture.drain();
      const stats = capture.stop();
      lines.flush();
      await file?.close();
      // Exit here, not by being killed: node_pcap's handles go with the process.
      send({ type: 'final', report: liveReport(state, stats, settings) }, () => process.exit(0));
    }
  });
}

interface Baseline {
  report: ReportV1;
  leaks: number;
  label: string;
}

function view(settings: EngineSettings, state: AuditState, capture: LiveCapture, baseline: Baseline | null) {
  const stats = capture.stats();
  // The dashboard lists recent leaks, not the report's first ones: keep the message small.
  const whole = { ...liveReport(state, stats, settings), leaks: [] };
  const recent = recentLeaks(state);
  if (baseline === null) return { report: whole, recentLeaks: recent, captureStatus: captureStatus(stats) };
  const sinceReset = Math.max(0, state.leaks.total - baseline.leaks);
  return {
    report: sinceBaseline(whole, baseline.report, baseline.label),
    recentLeaks: sinceReset === 0 ? [] : recent.slice(-sinceReset),
    captureStatus: captureStatus(stats),
  };
}

/** Audit sink and --write file fed from the same frames; every captured interface gets a row at once. */
function liveSink(state: AuditState, file: PcapngFileSink | null): FrameSink {
  const audit = createAuditSink(state);
  return {
    interface(id: number, description: CaptureInterface): void {
      state.originFor(description.name, description.loopback);
      audit.interface(id, description);
      file?.interface(id, description);
    },
    frame(frame: Frame): void {
      audit.frame(frame);
      file?.frame(frame);
    },
  };
}

async function openWriteFile(path: string): Promise<PcapngFileSink> {
  try {
    return await openPcapngFileSink(path, 'dnsleak watch');
  } catch (error) {
    throw new UsageError(`--write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function failure(error: unknown): FromEngine {
  const usage = [UsageError, CapturePermissionError, UnknownInterfaceError, CaptureOpenError].some((type) => error instanceof type);
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'failed', message, usage };
}
