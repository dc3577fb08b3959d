// Running the lab's commands: synchronous for short set-up steps (fail loudly with the command's stderr),
// and polling for things that become true a little later (a daemon listening, a capture open).
import { spawnSync } from 'node:child_process';

export class LabError extends Error {}

export interface RunOptions {
  input?: string;
  /** Milliseconds before the command is killed. */
  timeout?: number;
}

/** Runs a command to completion; its stdout, or a LabError naming the command and its stderr. */
export function run(command: string, args: string[], options: RunOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input: options.input, timeout: options.timeout ?? 20_000 });
  if (result.error !== undefined) throw new LabError(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new LabError(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Like run, but a failure is only reported as false: for clean-up, where the thing may already be gone. */
export function attempt(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 50 ms until it holds; a LabError saying what did not happen after `timeoutMs`. */
export async function waitUntil(what: string, timeoutMs: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new LabError(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** True while a process with this id exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
