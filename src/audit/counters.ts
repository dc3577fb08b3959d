// Plain numeric counters, one set per interface; totals are their sum, derived when a snapshot is taken.
import type { Counters } from '../report/report-v1.js';

export type MutableCounters = { -readonly [K in keyof Counters]: Counters[K] };

export function newCounters(drops: number | null = null): MutableCounters {
  return {
    packets: 0,
    dnsMessages: 0,
    leakedQueries: 0,
    leakedResponses: 0,
    downgradedQueries: 0,
    linkLocalQueries: 0,
    stubQueries: 0,
    allowedQueries: 0,
    encryptedFlows: 0,
    encryptedBytes: 0,
    drops,
    undecodable: 0,
  };
}

/** Adds `from` into `into`. Drops stay null only while every part is null (unknown). */
export function addCounters(into: MutableCounters, from: Counters): void {
  into.packets += from.packets;
  into.dnsMessages += from.dnsMessages;
  into.leakedQueries += from.leakedQueries;
  into.leakedResponses += from.leakedResponses;
  into.downgradedQueries += from.downgradedQueries;
  into.linkLocalQueries += from.linkLocalQueries;
  into.stubQueries += from.stubQueries;
  into.allowedQueries += from.allowedQueries;
  into.encryptedFlows += from.encryptedFlows;
  into.encryptedBytes += from.encryptedBytes;
  into.undecodable += from.undecodable;
  if (from.drops !== null) into.drops = (into.drops ?? 0) + from.drops;
}
