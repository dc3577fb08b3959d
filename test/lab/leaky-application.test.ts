// Scenarios 2 and 5: an application that bypasses the stub and asks the upstream directly on port 53.
// One run is watched live (with --write) while dumpcap records it too; both captures must then audit
// offline to the verdict and counts the live run reported.
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Counters, LeakEvent, ReportV1 } from '../../src/report/report-v1.js';
import { auditJson } from '../support/run-dnsleak.js';
import { HOST_IP, UPSTREAM_IP, ZONE } from './addresses.js';
import { digDirect } from './clients.js';
import { startDumpcap } from './dumpcap.js';
import { describeLab, useLab } from './lab-suite.js';
import { STRICT_DOT } from './resolved.js';
import { startWatch, type WatchResult } from './watch.js';

describeLab('lab: a leaky application next to resolved with DNSOverTLS=yes', () => {
  const lab = useLab(STRICT_DOT);
  let live: WatchResult;
  let written: string;
  let recorded: string;

  beforeAll(async () => {
    written = join(lab.get().work, 'watch.pcapng');
    recorded = join(lab.get().work, 'dumpcap.pcapng');
    const dumpcap = await startDumpcap(lab.get(), ['lo', lab.get().hostLink], recorded);
    const watch = startWatch(lab.get(), ['--for', '5s', '--write', written]);
    await watch.capturing(2);
    expect(digDirect(lab.get(), UPSTREAM_IP, 'leak.lab')).toBe(ZONE['leak.lab']);
    live = await watch.result;
    await dumpcap.stop();
  });

  it('watch exits 1 with one plaintext leak naming leak.lab, the veth and the server', () => {
    expect({ status: live.status, verdict: live.report.verdict, exitCode: live.report.exitCode }).toEqual({ status: 1, verdict: 'leak', exitCode: 1 });
    expect(live.events).toHaveLength(1);
    expect(live.events[0]).toMatchObject({ interface: lab.get().hostLink, category: 'plaintext', transport: 'udp',
      src: HOST_IP, dst: UPSTREAM_IP, dstPort: 53, qname: 'leak.lab', qtype: 'A' });
    expect(live.report.leaks).toEqual(live.events);
    expect(live.report.totals).toMatchObject({ dnsMessages: 2, leakedQueries: 1, leakedResponses: 1, stubQueries: 0, encryptedFlows: 0 });
    expect(live.report.topLeakedNames).toEqual([{ qname: 'leak.lab', queries: 1 }]);
  });

  it('the capture watch wrote with --write audits to the same verdict and counts', () => {
    expectSameAudit(auditJson([written]), live, { sameFrames: true });
  });

  it('a dumpcap capture of the same run audits to the same verdict and counts', () => {
    expectSameAudit(auditJson([recorded]), live, { sameFrames: false });
  });
});

// Kernel drop counters exist only live (null in a file); every other counter must match exactly.
function withoutDrops<T extends Counters>(counters: T): Omit<T, 'drops'> {
  const { drops: _drops, ...rest } = counters;
  return rest;
}

// dumpcap has its own packet sockets, so its timestamps differ from watch's by microseconds; the file
// watch wrote holds the very frames it audited, timestamps included.
function expectSameAudit(offline: { status: number | null; report: ReportV1 }, live: WatchResult, { sameFrames }: { sameFrames: boolean }): void {
  expect({ status: offline.status, verdict: offline.report.verdict }).toEqual({ status: live.status, verdict: live.report.verdict });
  expect(withoutDrops(offline.report.totals)).toEqual(withoutDrops(live.report.totals));
  const byName = (report: ReportV1) => report.interfaces.filter((row) => row.packets > 0).map(withoutDrops)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  expect(byName(offline.report)).toEqual(byName(live.report));
  const comparable = (events: LeakEvent[]) => (sameFrames ? events : events.map(({ time: _time, ...event }) => event));
  expect(comparable(offline.report.leaks)).toEqual(comparable(live.events));
}
