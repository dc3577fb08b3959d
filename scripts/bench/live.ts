// The live benchmark: one sender in a network namespace sends 200,000 queries over a veth as fast as it
// can while `dnsleak watch` captures in the other; reports captured, dropped and CPU time, without the
// dashboard and with it (in a real terminal, tmux).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dnsleakCommand, hasCommand } from './measure.js';

const SENDER = 'test/capture/lab/dns-sender.mjs';
const QUERIES = 200_000;
// At 100,000 queries/s the run takes 2 s: --for leaves room for start-up and the tail.

export interface LiveRun {
  mode: 'no-tui' | 'dashboard';
  /** Queries per second asked of the sender; 0 for as fast as it can. */
  rate: number;
  sent: number;
  captured: number;
  dropped: number | null;
  cpuSeconds: number;
  peakRssKiB: number;
}

export function liveUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, packet sockets)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` is unavailable';
  if (!hasCommand('tmux')) return 'tmux is missing';
  return null;
}

export async function runLive(scratch: string, runs: number): Promise<LiveRun[]> {
  const tag = `dnsleak-bench-${process.pid}`;
  const lab = { capture: `${tag}-c`, sender: `${tag}-s` };
  try {
    setUp(lab);
    const results: LiveRun[] = [];
    for (const rate of [0, 100_000]) {
      for (let run = 0; run < runs; run++) {
        for (const mode of ['no-tui', 'dashboard'] as const) results.push(await liveRun(lab, mode, rate, scratch));
      }
    }
    return results;
  } finally {
    spawnSync('ip', ['netns', 'del', lab.capture]);
    spawnSync('ip', ['netns', 'del', lab.sender]);
  }
}

function setUp(lab: { capture: string; sender: string }): void {
  const ip = (...args: string[]) => {
    const result = spawnSync('ip', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr}`);
  };
  ip('netns', 'add', lab.capture);
  ip('netns', 'add', lab.sender);
  ip('link', 'add', 'bench0', 'netns', lab.capture, 'type', 'veth', 'peer', 'name', 'bench0p', 'netns', lab.sender);
  ip('-n', lab.capture, 'addr', 'add', '192.0.2.1/24', 'dev', 'bench0');
  ip('-n', lab.sender, 'addr', 'add', '192.0.2.2/24', 'dev', 'bench0p');
  for (const [ns, dev] of [[lab.capture, 'bench0'], [lab.sender, 'bench0p'], [lab.capture, 'lo']]) ip('-n', ns, 'link', 'set', dev, 'up');
}

async function liveRun(lab: { capture: string; sender: string }, mode: LiveRun['mode'], rate: number, scratch: string): Promise<LiveRun> {
  const report = `${scratch}/live-report.json`;
  const times = `${scratch}/live-time.txt`;
  rmSync(report, { force: true });
  rmSync(times, { force: true });
  const timed = `ip netns exec ${lab.capture} /usr/bin/time -o ${times} -f '%U %S %M' `;
  const watch = `${dnsleakCommand(process.execPath, timed)} watch --for 6s --report ${report}`;
  const socket = `dnsleak-bench-${process.pid}`;
  const finished = mode === 'no-tui' ? spawnDone(`${watch} --no-tui > /dev/null`) : tmuxDone(socket, watch);
  await sleep(2000);
  const sender = spawnSync('ip', ['netns', 'exec', lab.sender, 'node', SENDER, '192.0.2.1', String(QUERIES), '0', String(rate)], { encoding: 'utf8' });
  await finished;
  if (mode === 'dashboard') spawnSync('tmux', ['-L', socket, 'kill-server']);
  const final = JSON.parse(readFileSync(report, 'utf8'));
  const [user, system, rss] = readFileSync(times, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return {
    mode,
    rate,
    sent: JSON.parse(sender.stdout).sent,
    captured: final.totals.packets,
    dropped: final.totals.drops,
    cpuSeconds: user + system,
    peakRssKiB: rss,
  };
}

function spawnDone(script: string): Promise<void> {
  return new Promise((resolve) => spawn('sh', ['-c', script], { stdio: 'ignore' }).on('exit', () => resolve()));
}

/** Runs the command in a private tmux server's 150x50 terminal and resolves when it has ended. */
async function tmuxDone(socket: string, command: string): Promise<void> {
  const marker = `/tmp/${socket}.done`;
  rmSync(marker, { force: true });
  spawnSync('tmux', ['-L', socket, 'new-session', '-d', '-x', '150', '-y', '50', `${command}; touch ${marker}; sleep 30`]);
  while (!existsSync(marker)) await sleep(200);
  rmSync(marker, { force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
