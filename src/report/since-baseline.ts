// The dashboard's `r` (reset counters): what happened since a baseline snapshot, computed from two
// reports rather than by clearing the audit, so the run's verdict and exit code still cover the whole
// run: resetting the display can never hide a leak from the gate.
import type { Counters, EncryptedUpstream, ReportV1 } from './report-v1.js';

const COUNTER_KEYS: (keyof Counters)[] = [
  'packets', 'dnsMessages', 'leakedQueries', 'leakedResponses', 'downgradedQueries', 'linkLocalQueries',
  'stubQueries', 'allowedQueries', 'encryptedFlows', 'encryptedBytes', 'undecodable',
];

export function sinceBaseline(current: ReportV1, baseline: ReportV1, resetLabel: string): ReportV1 {
  const before = new Map(baseline.interfaces.map((row) => [row.name, row]));
  const upstreamsBefore = new Map(baseline.encrypted.map((row) => [upstreamKey(row), row]));
  const namesBefore = new Map(baseline.topLeakedNames.map((row) => [row.qname, row.queries]));
  return {
    ...current,
    reasons: [...current.reasons, `counters since ${resetLabel}; the verdict and exit code cover the whole run`],
    totals: { ...minus(current.totals, baseline.totals), truncated: current.totals.truncated },
    interfaces: current.interfaces.map((row) => {
      const old = before.get(row.name);
      return old ? { ...row, ...minus(row, old) } : row;
    }),
    leaks: current.leaks.slice(baseline.leaks.length),
    encrypted: current.encrypted
      .map((row) => {
        const old = upstreamsBefore.get(upstreamKey(row));
        return old ? { ...row, flows: row.flows - old.flows, bytes: row.bytes - old.bytes } : row;
      })
      .filter((row) => row.flows > 0 || row.bytes > 0),
    topLeakedNames: current.topLeakedNames
      .map((row) => ({ qname: row.qname, queries: row.queries - (namesBefore.get(row.qname) ?? 0) }))
      .filter((row) => row.queries > 0)
      .sort((a, b) => b.queries - a.queries),
  };
}

function minus(now: Counters, then: Counters): Counters {
  const result = { ...now };
  for (const key of COUNTER_KEYS) (result[key] as number) = (now[key] as number) - (then[key] as number);
  result.drops = now.drops === null || then.drops === null ? now.drops : now.drops - then.drops;
  return result;
}

function upstreamKey(row: EncryptedUpstream): string {
  return `${row.transport}|${row.server}|${row.port}`;
}
