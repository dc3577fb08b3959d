// systemd-resolved, the real binary from Debian's package, in the `host` namespace. It runs in a private
// mount namespace that gives it what a systemd host would: an empty tmpfs /run, our resolved.conf (as
// /etc/systemd), the lab CA as the system CA bundle, and a `systemd-resolve` user to drop privileges to.
// Nothing of this machine's own files changes: every mount vanishes with the namespace. D-Bus is absent;
// resolved logs that and carries on.
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM_IP } from './addresses.js';
import { DOT_NAME } from './certificates.js';
import { startDaemon, type Daemon } from './daemon.js';
import { run, waitUntil } from './exec.js';
import { resolvedBinary } from './repo-root.js';

export interface ResolvedSettings {
  dnsOverTls: 'yes' | 'opportunistic';
  llmnr: boolean;
}

export const STRICT_DOT: ResolvedSettings = { dnsOverTls: 'yes', llmnr: false };

export function resolvedConf(settings: ResolvedSettings): string {
  return [
    '[Resolve]',
    `DNS=${UPSTREAM_IP}#${DOT_NAME}`,
    `DNSOverTLS=${settings.dnsOverTls}`,
    // No DNSSEC probing and no cache: every stub lookup is one upstream exchange, so counts are exact.
    'DNSSEC=no',
    'Cache=no',
    `LLMNR=${settings.llmnr ? 'yes' : 'no'}`,
    'MulticastDNS=no',
    'FallbackDNS=',
    'DNSStubListener=yes',
    '',
  ].join('\n');
}

// Runs as `sh -c SCRIPT sh WORK BINARY`: paths arrive as arguments, never spliced into the script.
const PRIVATE_MOUNTS = `
set -eu
work=$1 binary=$2
mount -t tmpfs -o mode=0755 lab-run /run
mkdir -p /run/systemd/resolve /run/systemd/netif/links
mount --bind "$work/passwd" /etc/passwd
mount --bind "$work/group" /etc/group
chown systemd-resolve:systemd-resolve /run/systemd/resolve
mount --bind "$work/etc-systemd" /etc/systemd
mount --bind "$work/ca" /etc/ssl/certs
export SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=debug SYSTEMD_LOG_COLOR=0
exec "$binary"
`;

/** Writes the files the private mounts need; `work` is the lab's work directory. */
export function prepareResolvedFiles(work: string, caPem: string): void {
  mkdirSync(join(work, 'etc-systemd'), { recursive: true });
  mkdirSync(join(work, 'ca'), { recursive: true });
  // OpenSSL's default verify paths end in /etc/ssl/certs/ca-certificates.crt: only the lab CA is trusted.
  writeFileSync(join(work, 'ca', 'ca-certificates.crt'), readFileSync(caPem));
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const group = readFileSync('/etc/group', 'utf8');
  if (hasEntry(passwd) && hasEntry(group)) {
    writeFileSync(join(work, 'passwd'), passwd);
    writeFileSync(join(work, 'group'), group);
    return;
  }
  const id = freeSystemId([passwd, group]);
  writeFileSync(join(work, 'passwd'), withEntry(passwd, `systemd-resolve:x:${id}:${id}:systemd Resolver:/:/usr/sbin/nologin`));
  writeFileSync(join(work, 'group'), withEntry(group, `systemd-resolve:x:${id}:`));
}

function hasEntry(table: string): boolean {
  return table.split('\n').some((line) => line.startsWith('systemd-resolve:'));
}

function withEntry(table: string, entry: string): string {
  const kept = table.split('\n').filter((line) => line !== '' && !line.startsWith('systemd-resolve:'));
  return [...kept, entry, ''].join('\n');
}

/** The highest system id (below 1000) that is neither a uid nor a gid in the given tables. */
export function freeSystemId(tables: string[]): number {
  const used = new Set(tables.flatMap((table) => table.split('\n').map((line) => Number(line.split(':')[2]))));
  let id = 999;
  while (used.has(id) && id > 100) id--;
  return id;
}

let started = 0;

export async function startResolved(work: string, hostNs: string, settings: ResolvedSettings, detached = false): Promise<Daemon> {
  writeFileSync(join(work, 'etc-systemd', 'resolved.conf'), resolvedConf(settings));
  started += 1;
  // The real path, so the process is called systemd-resolve(d), not after the cache's link.
  const binary = realpathSync(resolvedBinary());
  const daemon = startDaemon('systemd-resolved', 'ip', ['netns', 'exec', hostNs, 'unshare', '--mount', '--propagation', 'private',
    'sh', '-c', PRIVATE_MOUNTS, 'sh', work, binary], join(work, `resolved-${started}.log`), { detached });
  await waitUntil('systemd-resolved to listen on 127.0.0.53', 10_000, () => {
    if (daemon.exited() !== null) throw new Error(`systemd-resolved exited ${daemon.exited()}:\n${daemon.output()}`);
    return stubListening(hostNs);
  });
  return daemon;
}

function stubListening(hostNs: string): boolean {
  return run('ip', ['netns', 'exec', hostNs, 'ss', '-Hlun', 'sport = :53']).includes('127.0.0.53');
}
