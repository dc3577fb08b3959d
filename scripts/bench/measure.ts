// Runs a command once and measures wall time, CPU time and peak RSS with GNU time (wait4 rusage).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Measurement {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssKiB: number;
  status: number | null;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * A shell command starting node as bin/dnsleak's #! line starts it: without NODE_EXTRA_CA_CERTS, which
 * Node 20 reads before running any script (README, "Adopted"). The benchmark starts every Node this
 * way, so that its references stand for what dnsleak pays.
 */
export function nodeCommand(node: string): string {
  return `env -u NODE_EXTRA_CA_CERTS ${node}`;
}

/**
 * A shell command running dnsleak as installed, through its #! line, with node the first Node on PATH;
 * wrapper (ip netns exec, time) runs it, and inherits that PATH.
 */
export function dnsleakCommand(node: string, wrapper = ''): string {
  return `PATH=${dirname(resolve(node))}:"$PATH" ${wrapper}bin/dnsleak`;
}

/** Runs `sh -c script` (stdout discarded by the script itself) and measures it. */
export function measure(script: string, scratch: string): Measurement {
  const report = `${scratch}/time-${process.pid}.txt`;
  const started = process.hrtime.bigint();
  const run = spawnSync(GNU_TIME, ['-o', report, '-f', '%U %S %M', 'sh', '-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, system, rss] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  rmSync(report, { force: true });
  return { wallSeconds, cpuSeconds: user + system, peakRssKiB: rss, status: run.status };
}

/**
 * Reads file once, untimed, so that every timed run starts with it in the page cache. Without it, one
 * benchmark run put the floor's median on the 446 MiB host file at 0.18 s instead of 0.10 s: this
 * machine's page cache was found nearly empty after that run, and a floor run read 0.53 s from disk.
 */
export function warmPageCache(file: string): void {
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
