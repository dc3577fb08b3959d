// What the report lists about leaks: the first events in capture order, the most recent ones (for the
// live dashboard), and the most leaked names. All bounded; what is past a bound is counted, not kept.
import type { DnsMessageText } from '../decode/dns-full.js';
import type { LeakCategory, LeakedName, Transport } from '../report/report-v1.js';
import { createBoundedMap } from './bounded-map.js';

export interface LeakRecord {
  tsSec: number;
  tsNsec: number;
  interfaceName: string | null;
  /** As recorded; a plaintext leak becomes a downgrade when the snapshot knows its server carries DoT. */
  category: LeakCategory;
  transport: Transport;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** The plaintext server (destination of the query), for downgrade detection. */
  server: string;
  qname: string | null;
  qtype: number | null;
  /** The whole message decoded, for events the report lists; null otherwise or when it did not decode. */
  message: DnsMessageText | null;
}

export interface LeakLogLimits {
  firstEvents: number;
  recentEvents: number;
  names: number;
}

export const DEFAULT_LEAK_LOG_LIMITS: LeakLogLimits = { firstEvents: 1000, recentEvents: 50, names: 10_000 };

interface NameCount {
  queries: number;
}

export function createLeakLog(limits: LeakLogLimits = DEFAULT_LEAK_LOG_LIMITS) {
  const first: LeakRecord[] = [];
  // A ring: the newest `recentEvents` leaks, oldest first from `recentStart`.
  const recentRing: LeakRecord[] = [];
  let recentStart = 0;
  const names = createBoundedMap<string, NameCount>(limits.names);
  let notListed = 0;
  let total = 0;

  return {
    add(record: LeakRecord): void {
      total++;
      if (first.length < limits.firstEvents) first.push(record);
      else notListed++;
      if (recentRing.length < limits.recentEvents) recentRing.push(record);
      else {
        recentRing[recentStart] = record;
        recentStart = (recentStart + 1) % limits.recentEvents;
      }
      if (record.qname !== null) countName(record.qname);
    },
    /** Whether the next event will be listed in the report (and so is worth a full decode). */
    get listingNext() {
      return first.length < limits.firstEvents;
    },
    first: (): readonly LeakRecord[] => first,
    recent: (): readonly LeakRecord[] => [...recentRing.slice(recentStart), ...recentRing.slice(0, recentStart)],
    get notListed() {
      return notListed;
    },
    get total() {
      return total;
    },
    /** Names past the table's bound were evicted least-recently-leaked first; their counts are lost. */
    get namesEvicted() {
      return names.evictions;
    },
    topNames(count: number): LeakedName[] {
      return [...names.entries()]
        .sort((a, b) => b[1].queries - a[1].queries || (a[0] < b[0] ? -1 : 1))
        .slice(0, count)
        .map(([qname, entry]) => ({ qname, queries: entry.queries }));
    },
  };

  /** Least recently leaked names are the first forgotten. */
  function countName(qname: string): void {
    const entry = names.get(qname);
    if (entry === undefined) names.set(qname, { queries: 1 });
    else entry.queries++;
  }
}

export type LeakLog = ReturnType<typeof createLeakLog>;
