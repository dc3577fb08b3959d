// A long-running lab process (unbound, systemd-resolved, dumpcap): started with its output in a log file
// of the work directory, stopped with SIGTERM and, if it lingers, SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { LabError, sleep } from './exec.js';

export interface Daemon {
  name: string;
  pid: number;
  log: string;
  /** The log so far: what a failed wait prints. */
  output(): string;
  /** Null while running, else the exit code (or the signal's name). */
  exited(): string | number | null;
  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface DaemonOptions {
  /** Survive this process (the manual lab): no exit tracking beyond the pid. */
  detached?: boolean;
}

export function startDaemon(name: string, command: string, args: string[], log: string, options: DaemonOptions = {}): Daemon {
  const fd = openSync(log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { stdio: ['ignore', fd, fd], detached: options.detached ?? false });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new LabError(`${name}: ${command} did not start`);
  let exit: string | number | null = null;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = code ?? signal ?? 'unknown';
      resolve();
    });
    child.once('error', (error) => {
      exit = error.message;
      resolve();
    });
  });
  if (options.detached) child.unref();
  const pid = child.pid;
  return {
    name,
    pid,
    log,
    output: () => readLog(log),
    exited: () => exit,
    async stop(signal = 'SIGTERM', graceMs = 3000) {
      if (exit !== null) return;
      child.kill(signal);
      const graceful = await Promise.race([exitedPromise.then(() => true), sleep(graceMs).then(() => false)]);
      if (!graceful) {
        child.kill('SIGKILL');
        await exitedPromise;
      }
    },
  };
}

function readLog(path: string): string {
  try {
    // resolved writes NUL bytes when it is killed mid-line; they would make the text unprintable.
    return readFileSync(path, 'utf8').replaceAll('\0', '');
  } catch {
    return '';
  }
}
