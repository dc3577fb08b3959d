// What the lab needs from this machine, checked before anything is built: the one line a skipped lab
// test prints says exactly what is missing and how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, resolvedBinary } from './repo-root.js';

/** Command -> Debian package that provides it. */
const COMMANDS: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  ss: 'iproute2',
  unshare: 'util-linux',
  unbound: 'unbound',
  dig: 'bind9-dnsutils',
  getent: 'libc-bin',
  openssl: 'openssl',
  nft: 'nftables',
  dumpcap: 'wireshark-common',
};

/** Null when the lab can run here, else what is missing. */
export function labMissing(): string | null {
  if (process.platform !== 'linux') return 'Linux network namespaces';
  if (process.getuid?.() !== 0) return 'root (network namespaces, packet capture, mounts)';
  const commands = Object.keys(COMMANDS).filter((command) => !hasCommand(command));
  if (commands.length > 0) {
    const packages = [...new Set(commands.map((command) => COMMANDS[command]))];
    return `${commands.join(', ')} (apt-get install ${packages.join(' ')})`;
  }
  if (spawnSync('ip', ['netns', 'list'], { stdio: 'ignore' }).status !== 0) return 'a working `ip netns`';
  if (!existsSync(resolvedBinary())) return 'the extracted systemd-resolved (run scripts/fetch-resolved.sh)';
  // The package's binary links against the systemd package's private library of the same version.
  const ldd = spawnSync('ldd', [resolvedBinary()], { encoding: 'utf8' });
  if (ldd.status !== 0 || ldd.stdout.includes('not found')) {
    return `libraries of systemd-resolved (apt-get install systemd): ${ldd.stdout.split('\n').filter((l) => l.includes('not found')).join('; ').trim()}`;
  }
  if (!existsSync('/etc/ssl/certs')) return '/etc/ssl/certs (apt-get install ca-certificates)';
  if (!existsSync(join(repoRoot(), 'dist', 'src', 'cli', 'main.js'))) return 'the built CLI (npm run build)';
  return null;
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}
