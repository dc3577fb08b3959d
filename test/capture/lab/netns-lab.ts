// Network namespaces for the live capture tests: a capture namespace and a sender namespace joined
// by veth pairs on documentation prefixes (192.0.2.0/24, 198.51.100.0/24), named per test run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

export const PROBE = 'test/capture/lab/capture-probe.mjs';
export const SENDER = 'test/capture/lab/dns-sender.mjs';
export const COMPILED_CAPTURE = 'dist/src/capture/live-capture.js';

/** Why the lab cannot run here, or null when it can. */
export function labUnavailableReason(): string | null {
  if (process.platform !== 'linux') return 'live capture tests need Linux';
  if (process.getuid?.() !== 0) return 'live capture tests need root (network namespaces, packet sockets)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` is unavailable';
  if (!existsSync(COMPILED_CAPTURE)) return `${COMPILED_CAPTURE} is missing: run \`npm run build\` first`;
  return null;
}

export function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr.trim()}`);
}

/** Adds a veth pair: `inner` in the capture namespace at a.1/24, its peer in the sender one at a.2/24. */
export function addLink(lab: Lab, inner: string, outer: string, prefix: string): void {
  ip('link', 'add', inner, 'netns', lab.captureNs, 'type', 'veth', 'peer', 'name', outer, 'netns', lab.senderNs);
  ip('-n', lab.captureNs, 'addr', 'add', `${prefix}.1/24`, 'dev', inner);
  ip('-n', lab.senderNs, 'addr', 'add', `${prefix}.2/24`, 'dev', outer);
  ip('-n', lab.senderNs, 'link', 'set', outer, 'up');
  ip('-n', lab.captureNs, 'link', 'set', inner, 'up');
}

export interface Lab {
  captureNs: string;
  senderNs: string;
}

export function createLab(tag: string): Lab {
  removeStaleLabs();
  const lab = { captureNs: `dnsleak-${tag}-${process.pid}-c`, senderNs: `dnsleak-${tag}-${process.pid}-s` };
  ip('netns', 'add', lab.captureNs);
  ip('netns', 'add', lab.senderNs);
  ip('-n', lab.captureNs, 'link', 'set', 'lo', 'up');
  return lab;
}

/** Namespaces left by a run that was killed before its afterAll: their owner's pid is gone. */
function removeStaleLabs(): void {
  const names = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout.split('\n').map((line) => line.split(' ')[0]);
  for (const name of names) {
    const owner = /^dnsleak-[a-z]+-(\d+)-[cs]$/.exec(name)?.[1];
    if (owner !== undefined && !processAlive(Number(owner))) spawnSync('ip', ['netns', 'del', name]);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Deleting the namespaces deletes the veths in them; safe after a partial setup. */
export function destroyLab(lab: Lab | undefined): void {
  if (lab === undefined) return;
  spawnSync('ip', ['netns', 'del', lab.captureNs]);
  spawnSync('ip', ['netns', 'del', lab.senderNs]);
}

/** Sends count queries for q<first..>.probe.test to address:53 from the sender namespace. */
export function sendQueries(lab: Lab, address: string, count: number, first = 0): { sent: number; ms: number } {
  const result = spawnSync('ip', ['netns', 'exec', lab.senderNs, 'node', SENDER, address, String(count), String(first)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`sender failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { sent: number; ms: number };
}

// The probe's JSON lines, loosely typed: the tests assert on exact fields.
export type ProbeLine = Record<string, any>;

export interface Probe {
  lines: ProbeLine[];
  /** Resolves with the first line (already seen or coming) that matches. */
  waitFor(match: (line: ProbeLine) => boolean, timeoutMs?: number): Promise<ProbeLine>;
  command(line: 'stats' | 'stop'): void;
  exited: Promise<number | null>;
  kill(): void;
}

export function startProbe(lab: Lab, settings: object, nodeFlags: string[] = [], asUser: string[] = []): Probe {
  const child = spawn('ip', ['netns', 'exec', lab.captureNs, ...asUser, 'node', ...nodeFlags, PROBE, JSON.stringify(settings)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: ProbeLine[] = [];
  const waiters: { match: (line: ProbeLine) => boolean; resolve: (line: ProbeLine) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as ProbeLine;
    lines.push(line);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(line)) waiter.resolve(line);
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    lines,
    waitFor(match, timeoutMs = 10_000) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`probe: no matching line in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    command: (line) => child.stdin.write(line + '\n'),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** Stops the probe and returns its final report. */
export async function stopProbe(probe: Probe): Promise<ProbeLine> {
  probe.command('stop');
  const final = await probe.waitFor((line) => line.type === 'final', 15_000);
  await probe.exited;
  return final;
}

export function interfaceNamed(report: ProbeLine, name: string): ProbeLine {
  const found = (report.interfaces as ProbeLine[]).find((row) => row.name === name);
  if (found === undefined) throw new Error(`no interface ${name} in report`);
  return found;
}
