// A snapshot of the audit state as the versioned report object. Derived facts are computed here,
// once per snapshot rather than per packet: totals, downgrades (a plaintext leak becomes a downgrade
// as soon as its server is seen carrying DoT, wherever that happened in the capture) and the verdict.
import { decideVerdict } from '../classify/verdict.js';
import { isDowngrade } from '../classify/classify-message.js';
import { qtypeName } from '../decode/dns-full.js';
import { tlsVersionName } from '../decode/tls-hello.js';
import type { EncryptedUpstream, InterfaceReport, LeakEvent, ReportV1 } from '../report/report-v1.js';
import { isoTime } from '../report/time.js';
import type { AuditState } from './audit-state.js';
import { addCounters, newCounters } from './counters.js';
import type { Upstream } from './encrypted-flows.js';
import type { InterfaceAccount } from './interface-account.js';
import type { LeakRecord } from './leak-log.js';

export interface SnapshotContext {
  sources: string[];
  live: boolean;
  requireEncrypted: boolean;
  /** Drops per interface name from live capture; absent offline. */
  drops?: ReadonlyMap<string | null, number | null>;
  /** Live interfaces that could not be captured: their traffic was not seen. */
  uncaptured?: readonly string[];
  topNames?: number;
}

export function snapshot(state: AuditState, context: SnapshotContext): ReportV1 {
  const interfaces = [...state.accounts()].map((account) => interfaceReport(account, state, context));
  const totals = { ...newCounters(context.live ? 0 : null), truncated: state.truncated };
  for (const row of interfaces) addCounters(totals, row);
  if (context.live && interfaces.some((row) => row.drops === null)) totals.drops = null;
  const decision = decideVerdict({
    leaks: totals.leakedQueries + totals.leakedResponses,
    packets: totals.packets,
    truncated: state.truncated,
    drops: totals.drops,
    live: context.live,
    requireEncrypted: context.requireEncrypted,
    encryptedFlows: totals.encryptedFlows,
    uncaptured: context.uncaptured,
    unfinishedTcpMessages: state.unfinishedTcpMessages(),
  });
  return {
    schema: 'dnsleak/report/v1',
    verdict: decision.verdict,
    exitCode: decision.exitCode,
    reasons: decision.reasons,
    sources: context.sources,
    totals,
    interfaces,
    leaks: state.leaks.first().map((record) => leakEvent(record, state.encryptedServers)),
    leaksNotListed: state.leaks.notListed,
    encrypted: [...state.upstreams()].map(encryptedUpstream),
    topLeakedNames: state.leaks.topNames(context.topNames ?? 10),
    overflow: state.overflow(),
  };
}

/** The most recent leak events, newest last, for the live dashboard. */
export function recentLeaks(state: AuditState): LeakEvent[] {
  return state.leaks.recent().map((record) => leakEvent(record, state.encryptedServers));
}

function interfaceReport(account: InterfaceAccount, state: AuditState, context: SnapshotContext): InterfaceReport {
  const counters = { ...account.counters };
  counters.downgradedQueries = 0;
  for (const [server, counted] of account.plaintextQueriesByServer.entries()) {
    if (isDowngrade(server, state.encryptedServers)) counters.downgradedQueries += counted.queries;
  }
  counters.drops = context.live ? (context.drops?.get(account.name) ?? null) : null;
  return { name: account.name, loopback: account.loopback, ...counters };
}

/** A recorded leak as the report shows it; its category reflects the DoT servers known so far. */
export function leakEvent(record: LeakRecord, encryptedServers: { has(server: string): boolean }): LeakEvent {
  const downgraded = record.category === 'plaintext' && isDowngrade(record.server, encryptedServers);
  return {
    time: isoTime(record.tsSec, record.tsNsec),
    interface: record.interfaceName,
    category: downgraded ? 'downgrade' : record.category,
    transport: record.transport,
    src: record.src,
    dst: record.dst,
    srcPort: record.srcPort,
    dstPort: record.dstPort,
    qname: record.qname,
    qtype: record.qtype === null ? null : qtypeName(record.qtype),
    message: record.message,
  };
}

function encryptedUpstream(upstream: Upstream): EncryptedUpstream {
  return {
    server: upstream.server,
    port: upstream.port,
    transport: upstream.transport,
    sni: upstream.sni,
    tlsVersion: upstream.transport === 'udp' ? 'QUIC' : upstream.tlsVersion === null ? null : tlsVersionName(upstream.tlsVersion),
    flows: upstream.flows,
    bytes: upstream.bytes,
    lastSeen: isoTime(upstream.lastSec, upstream.lastNsec),
  };
}
