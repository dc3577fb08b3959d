// The applications of the lab's host: lookups through the systemd-resolved stub (dig, and getent through
// glibc as most programs resolve) and the leaky application that asks a server directly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.js';
import type { Lab } from './lab.js';

const DIG = ['+tries=1', '+time=5', '+short'];

/** `dig @127.0.0.53 NAME`: the stub's answer (the A record, or '' for no answer). */
export function digStub(lab: Lab, name: string): string {
  return lab.inHost('dig', [...DIG, '@127.0.0.53', name]).trim();
}

/** `dig @SERVER NAME`: an application bypassing the stub, in plaintext to port 53. */
export function digDirect(lab: Lab, server: string, name: string): string {
  return lab.inHost('dig', [...DIG, `@${server}`, name]).trim();
}

// In a private mount namespace, glibc reads resolv.conf and nsswitch.conf naming only the stub: the
// machine's own files may point elsewhere (or at nss-resolve, which would ask the machine's resolved).
// Runs as `sh -c SCRIPT sh WORK [ARG]`, then execs `command`.
function throughStub(command: string): string {
  return `
set -eu
mount --bind "$1/resolv.conf" /etc/resolv.conf
mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf
${command}
`;
}

/** The argv that runs `command` (a shell line; $2 is `arg`) in the host namespace with the stub as resolver. */
export function viaStub(lab: Pick<Lab, 'names' | 'work'>, command: string, arg = ''): string[] {
  writeFileSync(join(lab.work, 'resolv.conf'), 'nameserver 127.0.0.53\noptions edns0 trust-ad\n');
  writeFileSync(join(lab.work, 'nsswitch.conf'), 'hosts: files dns\n');
  return ['netns', 'exec', lab.names.hostNs, 'unshare', '--mount', '--propagation', 'private',
    'sh', '-c', throughStub(command), 'sh', lab.work, arg];
}

/** `getent ahostsv4 NAME` through the stub: the first address, as a C program would get it. */
export function getentStub(lab: Lab, name: string): string {
  const output = run('ip', viaStub(lab, 'exec getent ahostsv4 "$2"', name));
  return output.split('\n')[0]?.split(/\s+/)[0] ?? '';
}
