// Network namespaces and the veth pairs joining them, and the removal of labs left by killed runs.
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attempt, isAlive, run } from './exec.js';
import { ownerOf } from './lab-names.js';

export function createNamespace(name: string): void {
  run('ip', ['netns', 'add', name]);
  run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  // IPv4 only: no IPv6 link-local addresses, router solicitations or duplicate address detection,
  // so the only packets on the wire are the ones a scenario causes (and no AAAA/IPv6 LLMNR twins).
  run('ip', ['netns', 'exec', name, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
}

export interface VethPair {
  hostNs: string;
  hostLink: string;
  hostIp: string;
  upstreamNs: string;
  upstreamLink: string;
  upstreamIp: string;
  prefixLength: number;
}

/** Creates the pair inside the namespaces (never in this machine's own), addresses it and brings it up. */
export function addVethPair(pair: VethPair): void {
  run('ip', ['-n', pair.hostNs, 'link', 'add', pair.hostLink, 'type', 'veth', 'peer', 'name', pair.upstreamLink, 'netns', pair.upstreamNs]);
  run('ip', ['-n', pair.hostNs, 'addr', 'add', `${pair.hostIp}/${pair.prefixLength}`, 'dev', pair.hostLink]);
  run('ip', ['-n', pair.upstreamNs, 'addr', 'add', `${pair.upstreamIp}/${pair.prefixLength}`, 'dev', pair.upstreamLink]);
  run('ip', ['-n', pair.upstreamNs, 'link', 'set', pair.upstreamLink, 'up']);
  run('ip', ['-n', pair.hostNs, 'link', 'set', pair.hostLink, 'up']);
}

/** Ends every process still inside the namespace, then deletes it (its veths go with it). */
export function deleteNamespace(name: string): void {
  if (!listNamespaces().includes(name)) return;
  for (const pid of namespacePids(name)) attempt('kill', ['-KILL', String(pid)]);
  attempt('ip', ['netns', 'del', name]);
}

export function listNamespaces(): string[] {
  return run('ip', ['netns', 'list']).split('\n').map((line) => line.split(' ')[0]).filter((name) => name !== '');
}

function namespacePids(name: string): number[] {
  try {
    return run('ip', ['netns', 'pids', name]).split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
  } catch {
    return [];
  }
}

/** Removes the namespaces and work directories of test labs whose owning process is gone. */
export function removeStaleLabs(): string[] {
  const removed: string[] = [];
  for (const name of listNamespaces()) {
    const owner = ownerOf(name);
    if (owner === null || isAlive(owner)) continue;
    deleteNamespace(name);
    removed.push(name);
  }
  for (const entry of readdirSync(tmpdir())) {
    const match = /^dnslab-(\d+)-\d+-/.exec(entry);
    if (match !== null && !isAlive(Number(match[1]))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
  return removed;
}
