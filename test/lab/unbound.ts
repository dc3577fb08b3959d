// The upstream resolver: unbound in the `upstream` namespace answering the static zone on plain :53 and on
// DNS over TLS :853 with the lab certificate. It also listens on the hot-plug link's address, which does
// not exist yet when it starts: `ip-freebind` lets it bind anyway.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOTPLUG_UPSTREAM_IP, UPSTREAM_IP, ZONE } from './addresses.js';
import type { Certificates } from './certificates.js';

export function writeUnboundConf(work: string, certificates: Certificates): string {
  const path = join(work, 'unbound.conf');
  const records = Object.entries(ZONE).map(([name, address]) => `  local-data: "${name}. 300 IN A ${address}"`);
  writeFileSync(path, [
    'server:',
    // Runs as root in the foreground, everything in the work directory, no trust anchor to fetch.
    '  username: ""',
    '  chroot: ""',
    `  directory: "${work}"`,
    `  pidfile: "${join(work, 'unbound.pid')}"`,
    '  use-syslog: no',
    `  logfile: "${join(work, 'unbound.log')}"`,
    '  verbosity: 1',
    '  do-ip6: no',
    '  ip-freebind: yes',
    '  module-config: "iterator"',
    '  qname-minimisation: no',
    `  interface: ${UPSTREAM_IP}@53`,
    `  interface: ${UPSTREAM_IP}@853`,
    `  interface: ${HOTPLUG_UPSTREAM_IP}@53`,
    '  tls-port: 853',
    `  tls-service-key: "${certificates.serverKey}"`,
    `  tls-service-pem: "${certificates.serverPem}"`,
    '  access-control: 0.0.0.0/0 allow',
    '  local-zone: "lab." static',
    ...records,
    'remote-control:',
    '  control-enable: no',
    '',
  ].join('\n'));
  return path;
}
