// `dnsleak watch` in the lab's host namespace, as a person would run it: the built CLI with --json, started
// before the traffic, ending by itself after --for. Its NDJSON is one line per leak event (schema
// dnsleak/leak-event/v1: a report-v1 leak plus its schema name), then the report.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LeakEvent, ReportV1 } from '../../src/report/report-v1.js';
import { LabError, sleep, waitUntil } from './exec.js';
import type { Lab } from './lab.js';
import { packetSocketCount } from './packet-sockets.js';
import { repoRoot } from './repo-root.js';

const REPORT_SCHEMA = 'dnsleak/report/v1';
const EVENT_SCHEMA = 'dnsleak/leak-event/v1';

export interface WatchResult {
  status: number | null;
  events: LeakEvent[];
  report: ReportV1;
  stderr: string;
}

export interface Watch {
  pid: number;
  /** Resolves once the capture holds at least `sockets` packet sockets (one per interface it opened). */
  capturing(sockets: number, timeoutMs?: number): Promise<void>;
  result: Promise<WatchResult>;
}

export function startWatch(lab: Lab, args: string[]): Watch {
  const cli = join(repoRoot(), 'bin', 'dnsleak');
  const child = spawn('ip', ['netns', 'exec', lab.names.hostNs, process.execPath, cli, 'watch', '--json', '--no-tui', ...args],
    { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let exited = false;
  const result = new Promise<WatchResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => {
      exited = true;
      try {
        resolve({ status, ...parseNdjson(stdout, status, stderr), stderr });
      } catch (error) {
        reject(error);
      }
    });
  });
  const pid = child.pid ?? 0;
  return {
    pid,
    result,
    async capturing(sockets, timeoutMs = 10_000) {
      await waitUntil(`dnsleak watch to open ${sockets} capture(s)`, timeoutMs, () => {
        if (exited) throw new LabError(`dnsleak watch exited before capturing: ${unavailable(stderr)}`);
        return packetSocketCount(pid) >= sockets;
      });
      // The socket exists before libpcap has set its ring and filter; give it a moment to settle.
      await sleep(300);
    },
  };
}

function parseNdjson(stdout: string, status: number | null, stderr: string): { events: LeakEvent[]; report: ReportV1 } {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new LabError(`dnsleak watch wrote a line that is not JSON: ${line.slice(0, 200)}`);
    }
  });
  const last = parsed.at(-1);
  if (last === undefined || last.schema !== REPORT_SCHEMA) {
    throw new LabError(`dnsleak watch (exit ${status}) ended without a report line: ${unavailable(stderr)}`);
  }
  const events = parsed.slice(0, -1).map(({ schema, ...event }) => {
    if (schema !== EVENT_SCHEMA) throw new LabError(`dnsleak watch wrote an event line of schema ${String(schema)}`);
    return event as unknown as LeakEvent;
  });
  return { events, report: last as unknown as ReportV1 };
}

function unavailable(stderr: string): string {
  const text = stderr.trim();
  if (/not available/i.test(text)) return `\`dnsleak watch\` is not implemented in this build (${text})`;
  return text === '' ? '(no stderr)' : text;
}
