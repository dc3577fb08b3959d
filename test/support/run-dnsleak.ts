// Runs the built CLI as a user would, capturing exit code and output.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DNSLEAK = fileURLToPath(new URL('../../bin/dnsleak', import.meta.url));
export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs dnsleak on node, by default the Node running the tests. */
export function runDnsleak(args: string[], options: SpawnSyncOptions = {}, node = process.execPath): RunResult {
  const result = spawnSync(node, [DNSLEAK, ...args], { encoding: 'utf8', cwd: REPO, timeout: 60_000, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `audit --json` on the given files; the parsed report and the exit code. */
export function auditJson(files: string[], extra: string[] = [], options: SpawnSyncOptions = {}) {
  const result = runDnsleak(['audit', '--json', ...extra, ...files], options);
  if (result.stdout.trim() === '') throw new Error(`no report (exit ${result.status}): ${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) };
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}
