// `npm run lab -- up|down|shell`: the DoT lab of test/lab/ for a person. `up` builds it and leaves it
// running (systemd-resolved with DNSOverTLS=yes in namespace dnslab-manual-host, unbound in
// dnslab-manual-up), `shell` opens a shell in the host namespace with the stub as its resolver, where
// `node bin/dnsleak watch` can be run by hand, and `down` removes everything `up` made.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_IP, UPSTREAM_IP } from '../test/lab/addresses.js';
import { viaStub } from '../test/lab/clients.js';
import { startLab } from '../test/lab/lab.js';
import { manualLabNames } from '../test/lab/lab-names.js';
import { deleteNamespace, listNamespaces } from '../test/lab/namespaces.js';
import { labMissing } from '../test/lab/requirements.js';
import { repoRoot } from '../test/lab/repo-root.js';
import type { ResolvedSettings } from '../test/lab/resolved.js';

const names = manualLabNames();
const work = join(repoRoot(), '.cache', 'lab');
const USAGE = 'usage: npm run lab -- up [--opportunistic] [--llmnr] | down | shell';

async function main(args: string[]): Promise<number> {
  const [command, ...flags] = args;
  switch (command) {
    case 'up':
      return up({ dnsOverTls: flags.includes('--opportunistic') ? 'opportunistic' : 'yes', llmnr: flags.includes('--llmnr') });
    case 'down':
      down();
      console.log('lab: removed');
      return 0;
    case 'shell':
      return shell();
    default:
      console.error(USAGE);
      return 2;
  }
}

async function up(settings: ResolvedSettings): Promise<number> {
  const missing = labMissing();
  if (missing !== null) {
    console.error(`lab: needs ${missing}`);
    return 2;
  }
  if (isUp()) {
    console.error('lab: already up (npm run lab -- down first)');
    return 2;
  }
  rmSync(work, { recursive: true, force: true });
  const lab = await startLab({ resolved: settings, names, work, detached: true });
  console.log([
    `lab: up. host namespace ${names.hostNs} (${lab.hostLink} ${HOST_IP}, resolved stub 127.0.0.53, DNSOverTLS=${settings.dnsOverTls}),`,
    `     upstream namespace ${names.upstreamNs} (unbound on ${UPSTREAM_IP}:53 and DoT :853 as dot.lab); logs in .cache/lab/`,
    '  npm run lab -- shell      then: node bin/dnsleak watch   (and in another lab shell: dig www.lab, dig @192.0.2.53 leak.lab)',
    '  npm run lab -- down',
  ].join('\n'));
  return 0;
}

function down(): void {
  deleteNamespace(names.hostNs);
  deleteNamespace(names.upstreamNs);
  rmSync(work, { recursive: true, force: true });
}

function shell(): number {
  if (!isUp()) {
    console.error('lab: not up (npm run lab -- up first)');
    return 2;
  }
  console.log(`lab: shell in ${names.hostNs}; resolv.conf names the stub 127.0.0.53. exit to leave.`);
  const result = spawnSync('ip', viaStub({ names, work }, 'exec "${SHELL:-/bin/bash}" -i'), { stdio: 'inherit', cwd: repoRoot() });
  return result.status ?? 1;
}

function isUp(): boolean {
  const present = listNamespaces();
  return present.includes(names.hostNs) || present.includes(names.upstreamNs);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
