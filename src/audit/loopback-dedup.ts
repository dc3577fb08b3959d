// Capturing on lo can show each packet twice (the outgoing copy and the incoming one). The stub counts
// would double, so a message identical to one seen moments ago on the same interface is not counted
// again. A genuine retry comes a second or more later (dig waits 1 s at least), well outside the window.

import type { PacketFacts } from '../decode/packet-facts.js';

const WINDOW_MICROS = 10_000;
const RECENT = 16;

export interface LoopbackDedup {
  /** True when this message is the kernel's second copy of one already counted. */
  isDuplicate(fingerprint: number, timeMicros: number): boolean;
}

export function createLoopbackDedup(): LoopbackDedup {
  const fingerprints = new Float64Array(RECENT);
  const times = new Float64Array(RECENT).fill(-Infinity);
  let next = 0;
  return {
    isDuplicate(fingerprint, timeMicros) {
      for (let i = 0; i < RECENT; i++) {
        if (fingerprints[i] === fingerprint && Math.abs(timeMicros - times[i]) <= WINDOW_MICROS) {
          times[i] = -Infinity; // the pair is complete: a third copy is a new message
          return true;
        }
      }
      fingerprints[next] = fingerprint;
      times[next] = timeMicros;
      next = (next + 1) % RECENT;
      return false;
    },
  };
}

/** A fingerprint of one DNS message and its endpoints: both kernel copies of a packet agree on it. */
export function messageFingerprint(frameData: Buffer, facts: PacketFacts, data: Buffer, offset: number, length: number): number {
  const addressLength = facts.ipVersion === 4 ? 4 : 16;
  let hash = fnv1a(frameData, facts.srcAddressOffset, addressLength);
  hash = fnv1a(frameData, facts.dstAddressOffset, addressLength, hash ^ ((facts.srcPort << 16) | facts.dstPort));
  hash = fnv1a(data, offset, length, hash);
  return hash * 65536 + (length & 0xffff);
}

/** FNV-1a: a cheap fingerprint of the bytes of a message and its endpoints, chained through `seed`. */
export function fnv1a(data: Buffer, offset: number, length: number, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = offset; i < offset + length; i++) {
    hash = Math.imul(hash ^ data[i], 0x01000193);
  }
  return hash >>> 0;
}
