// The benchmark's reference for how fast a leak audit can be in plain JavaScript: the per-packet work
// of dnsleak's audit on the benchmark's own captures, written as one loop over typed arrays, with no
// per-packet strings or objects. It answers "is the 2.0x target out of reach for any Node program, or
// only for dnsleak's design?", so it keeps the costs that cannot be avoided and leaves out what the
// benchmark files never need:
// - kept: reading 256 KiB at a time, Ethernet, IPv4 and IPv6, UDP and TCP, a port filter, the DNS header
//   and first question of every message, leaked names counted by their bytes, DNS over TCP split into
//   messages by their length prefixes, DoT flows judged by their first payload and their TLS records
//   followed, per-flow state in a hash table keyed by address and port words;
// - left out: other link types, pcapng, loopback copies, --allow, reassembly of reordered or lost
//   segments, TLS hellos, table eviction, the report. Classic little-endian pcap on Ethernet only.
// Its counts must equal dnsleak's on the benchmark's captures (test/fixtures/lean-audit.test.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CHUNK = 256 << 10;
const MAX_RECORD = 16 + 262_144;

export interface LeanCounts {
  packets: number;
  dnsMessages: number;
  leakedQueries: number;
  leakedResponses: number;
  linkLocalQueries: number;
  undecodable: number;
  encryptedFlows: number;
  encryptedBytes: number;
  distinctLeakedNames: number;
}

// Open addressing with linear probing; both tables are sized to stay at most half full.
const NAME_SLOTS = 1 << 15;
const FLOW_SLOTS = 1 << 16;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16_777_619;

export function leanAudit(file: string): LeanCounts {
  const counts: LeanCounts = {
    packets: 0, dnsMessages: 0, leakedQueries: 0, leakedResponses: 0, linkLocalQueries: 0, undecodable: 0,
    encryptedFlows: 0, encryptedBytes: 0, distinctLeakedNames: 0,
  };
  // Leaked names: a hash per slot, the name's wire bytes (lower-cased) in an arena, compared on a hit.
  const nameHash = new Int32Array(NAME_SLOTS);
  const nameStart = new Int32Array(NAME_SLOTS).fill(-1);
  const nameLength = new Int32Array(NAME_SLOTS);
  const nameCount = new Int32Array(NAME_SLOTS);
  let arena = new Uint8Array(1 << 16);
  let arenaUsed = 0;
  const scratch = new Uint8Array(256);
  let scratchUsed = 0;
  // Flows: four key words (client, server, ports, protocol), and per direction the bytes still to come
  // of the message or TLS record under way.
  const key0 = new Int32Array(FLOW_SLOTS);
  const key1 = new Int32Array(FLOW_SLOTS);
  const key2 = new Int32Array(FLOW_SLOTS);
  const key3 = new Int32Array(FLOW_SLOTS);
  const used = new Uint8Array(FLOW_SLOTS);
  const pending = new Int32Array(FLOW_SLOTS * 2);
  const judged = new Uint8Array(FLOW_SLOTS);
  const finished = new Uint8Array(FLOW_SLOTS);
  let flowsHeld = 0;
  // Address words of the packet being audited (IPv6: two of its words folded, enough for a key here).
  let srcWord = 0;
  let dstWord = 0;

  /** Hashes and copies the first question's name; 0 when it is malformed or uses a pointer. */
  function readName(d: Buffer, at: number, end: number): number {
    let hash = FNV_OFFSET;
    scratchUsed = 0;
    while (at < end) {
      const length = d[at];
      if (length === 0) return at + 5 <= end ? hash | 1 : 0;
      if ((length & 0xc0) !== 0 || at + 1 + length > end || scratchUsed + length + 1 > 255) return 0;
      for (let i = at; i <= at + length; i++) {
        let byte = d[i];
        if (byte >= 65 && byte <= 90) byte |= 32;
        scratch[scratchUsed++] = byte;
        hash = Math.imul(hash ^ byte, FNV_PRIME);
      }
      at += 1 + length;
    }
    return 0;
  }

  function countName(hash: number): void {
    let slot = hash & (NAME_SLOTS - 1);
    for (; nameStart[slot] >= 0; slot = (slot + 1) & (NAME_SLOTS - 1)) {
      if (nameHash[slot] === hash && nameLength[slot] === scratchUsed && sameName(nameStart[slot])) {
        nameCount[slot]++;
        return;
      }
    }
    if (counts.distinctLeakedNames >= NAME_SLOTS / 2) return;
    if (arenaUsed + scratchUsed > arena.length) {
      const larger = new Uint8Array(arena.length * 2);
      larger.set(arena);
      arena = larger;
    }
    arena.set(scratch.subarray(0, scratchUsed), arenaUsed);
    nameStart[slot] = arenaUsed;
    nameLength[slot] = scratchUsed;
    nameHash[slot] = hash;
    nameCount[slot] = 1;
    arenaUsed += scratchUsed;
    counts.distinctLeakedNames++;
  }

  function sameName(start: number): boolean {
    for (let i = 0; i < scratchUsed; i++) if (arena[start + i] !== scratch[i]) return false;
    return true;
  }

  function dnsMessage(d: Buffer, at: number, length: number, linkLocal: boolean): void {
    const end = at + length;
    if (length < 12 || ((d[at + 4] << 8) | d[at + 5]) === 0) {
      counts.undecodable++;
      return;
    }
    const hash = readName(d, at + 12, end);
    if (hash === 0) {
      counts.undecodable++;
      return;
    }
    counts.dnsMessages++;
    if ((d[at + 2] & 0x80) !== 0) {
      if (!linkLocal) counts.leakedResponses++;
      return;
    }
    counts.leakedQueries++;
    if (linkLocal) counts.linkLocalQueries++;
    countName(hash);
  }

  function flowHome(a: number, b: number, c: number, e: number): number {
    let hash = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ e, 0xc2b2ae35);
    hash ^= hash >>> 15;
    return hash & (FLOW_SLOTS - 1);
  }

  /** The flow's slot, made when create is set; -1 when absent (or the table is half full). */
  function findFlow(a: number, b: number, c: number, e: number, create: boolean): number {
    let slot = flowHome(a, b, c, e);
    for (; used[slot] === 1; slot = (slot + 1) & (FLOW_SLOTS - 1)) {
      if (key0[slot] === a && key1[slot] === b && key2[slot] === c && key3[slot] === e) return slot;
    }
    if (!create || flowsHeld >= FLOW_SLOTS / 2) return -1;
    used[slot] = 1;
    key0[slot] = a;
    key1[slot] = b;
    key2[slot] = c;
    key3[slot] = e;
    pending[slot * 2] = 0;
    pending[slot * 2 + 1] = 0;
    judged[slot] = 0;
    finished[slot] = 0;
    flowsHeld++;
    return slot;
  }

  /** Deletion that shifts later entries of the probe run back, so no tombstone is left. */
  function dropFlow(hole: number): void {
    flowsHeld--;
    for (let next = (hole + 1) & (FLOW_SLOTS - 1); used[next] === 1; next = (next + 1) & (FLOW_SLOTS - 1)) {
      const home = flowHome(key0[next], key1[next], key2[next], key3[next]);
      const stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (stays) continue;
      key0[hole] = key0[next];
      key1[hole] = key1[next];
      key2[hole] = key2[next];
      key3[hole] = key3[next];
      pending[hole * 2] = pending[next * 2];
      pending[hole * 2 + 1] = pending[next * 2 + 1];
      judged[hole] = judged[next];
      finished[hole] = finished[next];
      hole = next;
    }
    used[hole] = 0;
  }

  /**
   * Walks a direction's length-prefixed units (DNS messages after their two-byte length, TLS records
   * after their five-byte header) across segments; a DNS message within the segment is audited, one
   * that spans segments is skipped past, not read.
   */
  function followUnits(d: Buffer, direction: number, at: number, end: number, dns: boolean): void {
    const header = dns ? 2 : 5;
    let left = pending[direction];
    while (at < end) {
      if (left > 0) {
        const taken = Math.min(left, end - at);
        left -= taken;
        at += taken;
        continue;
      }
      if (at + header > end) {
        if (dns) counts.undecodable++;
        break;
      }
      const length = (d[at + header - 2] << 8) | d[at + header - 1];
      at += header;
      if (at + length > end) left = length - (end - at);
      else if (dns) dnsMessage(d, at, length, false);
      at = Math.min(at + length, end);
    }
    pending[direction] = left;
  }

  /** A DoT flow is encrypted when its first payload is a TLS record; its records are then followed. */
  function dot(d: Buffer, slot: number, direction: number, at: number, end: number): void {
    if (judged[slot] === 0) {
      judged[slot] = d[at] >= 20 && d[at] <= 23 && d[at + 1] === 3 ? 1 : 2;
      if (judged[slot] === 1) counts.encryptedFlows++;
    }
    if (judged[slot] !== 1) return;
    counts.encryptedBytes += end - at;
    followUnits(d, direction, at, end, false);
  }

  function tcp(d: Buffer, at: number, end: number): void {
    if (at + 20 > end) {
      counts.undecodable++;
      return;
    }
    const srcPort = (d[at] << 8) | d[at + 1];
    const dstPort = (d[at + 2] << 8) | d[at + 3];
    const flags = d[at + 13];
    const payload = at + (d[at + 12] >> 4) * 4;
    const service = dstPort === 53 || srcPort === 53 ? 53 : dstPort === 853 || srcPort === 853 ? 853 : 0;
    if (service === 0) return;
    const toServer = dstPort === service;
    const client = toServer ? srcWord : dstWord;
    const server = toServer ? dstWord : srcWord;
    const ports = toServer ? (srcPort << 16) | dstPort : (dstPort << 16) | srcPort;
    const slot = findFlow(client, server, ports, service, payload < end);
    if (slot < 0) return;
    const direction = slot * 2 + (toServer ? 0 : 1);
    if (payload < end) {
      if (service === 53) followUnits(d, direction, payload, end, true);
      else dot(d, slot, direction, payload, end);
    }
    // A flow ends at an RST, or once both sides have sent their FIN.
    if ((flags & 0x01) !== 0) finished[slot] |= toServer ? 1 : 2;
    if ((flags & 0x04) !== 0 || finished[slot] === 3) dropFlow(slot);
  }

  function udp(d: Buffer, at: number, end: number): void {
    if (at + 8 > end) {
      counts.undecodable++;
      return;
    }
    const srcPort = (d[at] << 8) | d[at + 1];
    const dstPort = (d[at + 2] << 8) | d[at + 3];
    if (srcPort === 53 || dstPort === 53) dnsMessage(d, at + 8, end - at - 8, false);
    else if (srcPort === 5353 || dstPort === 5353 || srcPort === 5355 || dstPort === 5355) dnsMessage(d, at + 8, end - at - 8, true);
  }

  function packet(d: Buffer, at: number, end: number): void {
    counts.packets++;
    if (at + 14 > end) {
      counts.undecodable++;
      return;
    }
    const etherType = (d[at + 12] << 8) | d[at + 13];
    const ip = at + 14;
    let protocol: number;
    let transport: number;
    if (etherType === 0x0800 && ip + 20 <= end) {
      protocol = d[ip + 9];
      srcWord = word(d, ip + 12);
      dstWord = word(d, ip + 16);
      transport = ip + (d[ip] & 15) * 4;
    } else if (etherType === 0x86dd && ip + 40 <= end) {
      protocol = d[ip + 6];
      srcWord = word(d, ip + 8) ^ word(d, ip + 20);
      dstWord = word(d, ip + 24) ^ word(d, ip + 36);
      transport = ip + 40;
    } else {
      return;
    }
    if (protocol === 17) udp(d, transport, end);
    else if (protocol === 6) tcp(d, transport, end);
  }

  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK + MAX_RECORD);
    let have = readSync(fd, buffer, 0, CHUNK, null);
    if (have < 24 || buffer.readUInt32LE(0) !== 0xa1b2c3d4 || buffer.readUInt32LE(20) !== 1) {
      throw new Error(`${file}: not a little-endian classic pcap of Ethernet frames`);
    }
    let position = 24;
    for (;;) {
      while (position + 16 <= have) {
        const start = position + 16;
        const end = start + (buffer[position + 8] | (buffer[position + 9] << 8) | (buffer[position + 10] << 16));
        if (end > have) break;
        packet(buffer, start, end);
        position = end;
      }
      buffer.copy(buffer, 0, position, have);
      have -= position;
      position = 0;
      const read = readSync(fd, buffer, have, CHUNK, null);
      if (read === 0) break;
      have += read;
    }
  } finally {
    closeSync(fd);
  }
  return counts;
}

function word(d: Buffer, at: number): number {
  return (d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(leanAudit(process.argv[2] ?? '')));
}
