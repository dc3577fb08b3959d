// Everything the audit keeps about one interface: its counters and the per-interface tables that
// counters alone cannot derive (plaintext queries per server, for downgrade detection at snapshot time).
import { createBoundedMap, type BoundedMap } from './bounded-map.js';
import { newCounters, type MutableCounters } from './counters.js';
import { createLoopbackDedup, type LoopbackDedup } from './loopback-dedup.js';

export interface InterfaceAccount {
  name: string | null;
  loopback: boolean;
  counters: MutableCounters;
  /** Leaked plaintext queries per server address. */
  plaintextQueriesByServer: BoundedMap<string, { queries: number }>;
  dedup: LoopbackDedup;
}

export const SERVERS_PER_INTERFACE = 4096;

export function createInterfaceAccount(name: string | null, loopback: boolean): InterfaceAccount {
  return {
    name,
    loopback,
    counters: newCounters(),
    plaintextQueriesByServer: createBoundedMap(SERVERS_PER_INTERFACE),
    dedup: createLoopbackDedup(),
  };
}

/** Interfaces are merged across sources by name; every unnamed interface is the same row. */
export function interfaceKey(name: string | null): string {
  return name === null ? '\u0000unnamed' : `=${name}`;
}
