// The DoT lab: namespace `upstream` (unbound on :53 and DoT :853) joined by a veth pair to namespace
// `host` (systemd-resolved with DNS=<upstream>#dot.lab and its stub on 127.0.0.53). startLab builds it,
// Lab.stop tears all of it down; a lab left by a killed run is removed by the next startLab.
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_IP, HOTPLUG_HOST_IP, HOTPLUG_UPSTREAM_IP, PREFIX_LENGTH, UPSTREAM_IP } from './addresses.js';
import { makeCertificates } from './certificates.js';
import { startDaemon, type Daemon } from './daemon.js';
import { run, waitUntil } from './exec.js';
import { testLabNames, type LabNames } from './lab-names.js';
import { addVethPair, createNamespace, deleteNamespace, removeStaleLabs } from './namespaces.js';
import { prepareResolvedFiles, startResolved, type ResolvedSettings } from './resolved.js';
import { writeUnboundConf } from './unbound.js';

export interface LabOptions {
  resolved: ResolvedSettings;
  /** Default: fresh test names owned by this process. */
  names?: LabNames;
  /** Default: a new directory under the OS temp dir, removed by stop(). */
  work?: string;
  /** Daemons outlive this process (the manual lab). */
  detached?: boolean;
}

export interface Lab {
  names: LabNames;
  work: string;
  /** The host's end of the first veth pair: where its off-host DNS goes. */
  hostLink: string;
  resolved: Daemon;
  unbound: Daemon;
  /** Runs a command in the host namespace; its stdout. */
  inHost(command: string, args: string[]): string;
  /** Stops resolved and starts it again with other settings (and fresh per-server state). */
  restartResolved(settings: ResolvedSettings): Promise<void>;
  /** Makes the upstream refuse TCP 853 (RST), as a network that blocks DoT would. */
  blockDoT(): void;
  /** Adds a second veth pair to the host mid-run; the host's new link name. */
  addHotplugLink(): string;
  stop(): Promise<void>;
}

export async function startLab(options: LabOptions): Promise<Lab> {
  removeStaleLabs();
  const names = options.names ?? testLabNames();
  const work = options.work ?? mkdtempSync(join(tmpdir(), `${names.id}-`));
  mkdirSync(work, { recursive: true });
  const daemons: Daemon[] = [];
  const stop = async () => {
    for (const daemon of [...daemons].reverse()) await daemon.stop();
    deleteNamespace(names.hostNs);
    deleteNamespace(names.upstreamNs);
    if (options.work === undefined) rmSync(work, { recursive: true, force: true });
    restoreResolvConf();
  };
  try {
    const certificates = makeCertificates(work);
    createNamespace(names.upstreamNs);
    createNamespace(names.hostNs);
    addVethPair({ hostNs: names.hostNs, hostLink: names.hostLink(0), hostIp: HOST_IP, upstreamNs: names.upstreamNs,
      upstreamLink: names.upstreamLink(0), upstreamIp: UPSTREAM_IP, prefixLength: PREFIX_LENGTH });
    // Without a multicast route, LLMNR queries fail with ENETUNREACH before reaching the wire.
    run('ip', ['-n', names.hostNs, 'route', 'add', '224.0.0.0/4', 'dev', names.hostLink(0)]);
    const unbound = startDaemon('unbound', 'ip', ['netns', 'exec', names.upstreamNs, 'unbound', '-d', '-c',
      writeUnboundConf(work, certificates)], join(work, 'unbound.out'), { detached: options.detached });
    daemons.push(unbound);
    await waitUntil('unbound to listen on :53 and :853', 10_000, () => {
      if (unbound.exited() !== null) throw new Error(`unbound exited ${unbound.exited()}:\n${unbound.output()}`);
      const tcp = run('ip', ['netns', 'exec', names.upstreamNs, 'ss', '-Hltn']);
      const udp = run('ip', ['netns', 'exec', names.upstreamNs, 'ss', '-Hlun']);
      return tcp.includes(`${UPSTREAM_IP}:853`) && udp.includes(`${UPSTREAM_IP}:53`);
    });
    prepareResolvedFiles(work, certificates.caPem);
    let resolved = await startResolved(work, names.hostNs, options.resolved, options.detached);
    daemons.push(resolved);
    let hotplugged = 0;
    return {
      names,
      work,
      hostLink: names.hostLink(0),
      get resolved() {
        return resolved;
      },
      unbound,
      inHost: (command, args) => run('ip', ['netns', 'exec', names.hostNs, command, ...args]),
      async restartResolved(settings) {
        await resolved.stop();
        daemons.splice(daemons.indexOf(resolved), 1);
        resolved = await startResolved(work, names.hostNs, settings, options.detached);
        daemons.push(resolved);
      },
      blockDoT() {
        run('ip', ['netns', 'exec', names.upstreamNs, 'nft', '-f', '-'], {
          input: 'table inet dnslab {\n  chain input {\n    type filter hook input priority 0;\n' +
            '    tcp dport 853 reject with tcp reset;\n  }\n}\n',
        });
      },
      addHotplugLink() {
        hotplugged += 1;
        addVethPair({ hostNs: names.hostNs, hostLink: names.hostLink(hotplugged), hostIp: HOTPLUG_HOST_IP,
          upstreamNs: names.upstreamNs, upstreamLink: names.upstreamLink(hotplugged), upstreamIp: HOTPLUG_UPSTREAM_IP,
          prefixLength: PREFIX_LENGTH });
        return names.hostLink(hotplugged);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Installing systemd-resolved (which the lab never does) turns /etc/resolv.conf into a link into /run and
 * keeps a backup; should the link ever dangle, this machine would lose name resolution. Put the backup back.
 */
export function restoreResolvConf(): void {
  const path = '/etc/resolv.conf';
  const backup = '/etc/.resolv.conf.systemd-resolved.bak';
  try {
    if (!lstatSync(path).isSymbolicLink()) return;
    // existsSync follows the link: false means it dangles.
    if (existsSync(path) || !existsSync(backup)) return;
    rmSync(path);
    copyFileSync(backup, path);
  } catch {
    // No resolv.conf at all is not ours to fix.
  }
}
