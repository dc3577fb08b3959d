// The lab's PKI, made fresh for every run: a CA and a certificate for `dot.lab` signed by it. Ed25519
// keeps generation instant; the SAN is what systemd-resolved checks against the `#dot.lab` of DNS=.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.js';

export const DOT_NAME = 'dot.lab';

export interface Certificates {
  caPem: string;
  serverKey: string;
  serverPem: string;
}

export function makeCertificates(dir: string): Certificates {
  const file = (name: string) => join(dir, name);
  run('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'),
    '-days', '2', '-subj', '/CN=dnsleak lab CA']);
  run('openssl', ['req', '-new', '-newkey', 'ed25519', '-nodes', '-keyout', file('dot.key'), '-out', file('dot.csr'),
    '-subj', `/CN=${DOT_NAME}`]);
  writeFileSync(file('dot.ext'), [`subjectAltName=DNS:${DOT_NAME}`, 'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature', 'extendedKeyUsage=serverAuth', ''].join('\n'));
  run('openssl', ['x509', '-req', '-in', file('dot.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'),
    '-set_serial', '2', '-days', '2', '-extfile', file('dot.ext'), '-out', file('dot.pem')]);
  return { caPem: file('ca.pem'), serverKey: file('dot.key'), serverPem: file('dot.pem') };
}
