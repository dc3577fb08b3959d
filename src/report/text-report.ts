// The human report of `dnsleak audit`: verdict first, then per-interface counts, encrypted upstreams,
// the most leaked names and the first leak events. Every capture-derived string is made terminal-safe.
import type { ReportV1 } from './report-v1.js';
import { formatTable } from './table.js';
import { interfaceLabel, terminalSafe } from './terminal-safe.js';

const EVENTS_SHOWN = 20;

export function textReport(report: ReportV1): string {
  return [...verdictLines(report), ...interfaceLines(report), ...upstreamLines(report), ...nameLines(report), ...eventLines(report)].join('\n') + '\n';
}

function verdictLines(report: ReportV1): string[] {
  const t = report.totals;
  const headline = {
    clean: 'CLEAN: no plaintext DNS left this host',
    leak: 'LEAK: plaintext DNS left this host',
    inconclusive: 'INCONCLUSIVE: the evidence is incomplete',
  }[report.verdict];
  const lines = [`dnsleak ${headline} (exit ${report.exitCode})`];
  for (const reason of report.reasons) lines.push(`  - ${reason}`);
  lines.push(
    `  ${t.packets} packets, ${t.dnsMessages} DNS messages; leaked: ${t.leakedQueries} queries (${t.downgradedQueries} downgraded, ${t.linkLocalQueries} link-local), ${t.leakedResponses} responses; stub: ${t.stubQueries}; allowed: ${t.allowedQueries}; encrypted: ${t.encryptedFlows} flows, ${t.encryptedBytes} bytes; undecodable: ${t.undecodable}; drops: ${t.drops ?? 'n/a'}${t.truncated ? '; TRUNCATED' : ''}`,
  );
  if (t.dnsMessages === 0 && t.encryptedFlows === 0) lines.push('  no DNS traffic was seen');
  return lines;
}

function interfaceLines(report: ReportV1): string[] {
  if (report.interfaces.length === 0) return [];
  const rows = report.interfaces.map((i) => [
    interfaceLabel(i.name),
    i.loopback ? 'yes' : 'no',
    i.stubQueries,
    i.leakedQueries,
    i.leakedResponses,
    i.downgradedQueries,
    i.linkLocalQueries,
    i.allowedQueries,
    i.encryptedFlows,
    i.encryptedBytes,
    i.undecodable,
    i.drops ?? '-',
  ]);
  const header = ['INTERFACE', 'LOOPBACK', 'STUB', 'LEAKED-Q', 'LEAKED-R', 'DOWNGRADE', 'LINK-LOCAL', 'ALLOWED', 'DOT-FLOWS', 'DOT-BYTES', 'UNDECODABLE', 'DROPS'];
  return ['', 'Interfaces', ...indent(formatTable(header, rows))];
}

function upstreamLines(report: ReportV1): string[] {
  if (report.encrypted.length === 0) return ['', 'Encrypted upstreams: none seen'];
  const rows = report.encrypted.map((u) => [terminalSafe(u.server), `${u.transport}/${u.port}`, terminalSafe(u.sni ?? '-'), u.tlsVersion ?? '-', u.flows, u.bytes, u.lastSeen]);
  return ['', 'Encrypted upstreams', ...indent(formatTable(['SERVER', 'PORT', 'SNI', 'TLS', 'FLOWS', 'BYTES', 'LAST-SEEN'], rows))];
}

function nameLines(report: ReportV1): string[] {
  if (report.topLeakedNames.length === 0) return [];
  const rows = report.topLeakedNames.map((n) => [terminalSafe(n.qname), n.queries]);
  return ['', 'Top leaked names', ...indent(formatTable(['NAME', 'QUERIES'], rows))];
}

function eventLines(report: ReportV1): string[] {
  if (report.leaks.length === 0) return [];
  const shown = report.leaks.slice(0, EVENTS_SHOWN);
  const rows = shown.map((e) => [
    e.time,
    interfaceLabel(e.interface),
    e.category,
    `${e.transport} ${terminalSafe(e.src)}:${e.srcPort} -> ${terminalSafe(e.dst)}:${e.dstPort}`,
    terminalSafe(e.qname ?? '(undecodable)'),
    e.qtype ?? '-',
  ]);
  const more = report.totals.leakedQueries - shown.length;
  const lines = ['', `First leak events`, ...indent(formatTable(['TIME', 'INTERFACE', 'CATEGORY', 'FLOW', 'NAME', 'TYPE'], rows))];
  if (more > 0) lines.push(`  ... and ${more} more leaked queries (--json lists the first ${report.leaks.length})`);
  return lines;
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}
