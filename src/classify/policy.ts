// The --allow policy: plaintext DNS the operator has sanctioned. Allowed traffic is still counted
// (as allowedQueries), never dropped from the report.
import { createRequire } from 'node:module';
import { formatAddress } from '../decode/address.js';
import { UsageError } from '../errors.js';

export interface Policy {
  /** Server addresses in canonical text form (see canonicalAddress). */
  servers: ReadonlySet<string>;
  interfaces: ReadonlySet<string>;
  linkLocal: boolean;
}

// node:net, for isIP, is loaded only when there is an address to check: it brings in Node's socket
// bindings, which take about 2 ms to load on Node 24, and most runs have no --allow.
let net: typeof import('node:net') | null = null;
const isIP = (text: string): number => (net ??= createRequire(import.meta.url)('node:net') as typeof import('node:net')).isIP(text);

export const NO_POLICY: Policy = { servers: new Set(), interfaces: new Set(), linkLocal: false };

/** Parses repeated `--allow` values: an IP address, `iface:NAME`, or `link-local`. */
export function parseAllow(values: readonly string[]): Policy {
  const servers = new Set<string>();
  const interfaces = new Set<string>();
  let linkLocal = false;
  for (const value of values) {
    if (value === 'link-local') linkLocal = true;
    else if (value.startsWith('iface:') && value.length > 'iface:'.length) interfaces.add(value.slice('iface:'.length));
    else if (isIP(value)) servers.add(canonicalAddress(value));
    else throw new UsageError(`--allow ${JSON.stringify(value)}: expected an IP address, iface:NAME or link-local`);
  }
  return { servers, interfaces, linkLocal };
}

/**
 * The text form the decoders print (dotted quad; RFC 5952 for IPv6), so that `--allow 2001:DB8:0::53`
 * matches the address decoded from packets: the text is turned into bytes and printed the same way.
 */
export function canonicalAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  // The URL parser expands IPv4-dotted tails and validates; its output has only hex groups and "::".
  const groups = expandGroups(new URL(`http://[${address}]/`).hostname.slice(1, -1));
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return formatAddress(bytes, 0, 6);
}

function expandGroups(compressed: string): string[] {
  const [head, tail] = compressed.split('::');
  const left = head === '' ? [] : head.split(':');
  if (tail === undefined) return left;
  const right = tail === '' ? [] : tail.split(':');
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}
