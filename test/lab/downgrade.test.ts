// Scenario 4: DNSOverTLS=opportunistic is not a guarantee. resolved reaches the upstream over TLS first;
// then TCP 853 is blocked and resolved starts afresh (a reboot, a new network): it finds TLS refused and
// falls back to plaintext UDP 53 to the same server. dnsleak reports that query as a downgrade.
import { expect, it } from 'vitest';
import { HOST_IP, UPSTREAM_IP, ZONE } from './addresses.js';
import { digStub } from './clients.js';
import { describeLab, useLab } from './lab-suite.js';
import type { ResolvedSettings } from './resolved.js';
import { startWatch } from './watch.js';

const OPPORTUNISTIC: ResolvedSettings = { dnsOverTls: 'opportunistic', llmnr: false };

describeLab('lab: resolved with DNSOverTLS=opportunistic when DoT gets blocked', () => {
  const lab = useLab(OPPORTUNISTIC);

  it('the lookup after the block goes out in plaintext to the DoT server: a downgrade leak, exit 1', async () => {
    const watch = startWatch(lab.get(), ['--for', '7s']);
    await watch.capturing(2);
    expect(digStub(lab.get(), 'www.lab')).toBe(ZONE['www.lab']);
    lab.get().blockDoT();
    // A running resolved keeps the TLS level it verified; a fresh one probes TLS, is refused, degrades.
    await lab.get().restartResolved(OPPORTUNISTIC);
    expect(digStub(lab.get(), 'leak.lab')).toBe(ZONE['leak.lab']);
    const { status, events, report } = await watch.result;

    expect({ status, verdict: report.verdict, exitCode: report.exitCode }).toEqual({ status: 1, verdict: 'leak', exitCode: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ interface: lab.get().hostLink, category: 'downgrade', transport: 'udp',
      src: HOST_IP, dst: UPSTREAM_IP, dstPort: 53, qname: 'leak.lab', qtype: 'A' });
    expect(report.totals).toMatchObject({ stubQueries: 2, leakedQueries: 1, downgradedQueries: 1, leakedResponses: 1 });
    // The flow that made the server a DoT server: TLS 1.3 with SNI dot.lab, before the block.
    expect(report.encrypted).toEqual([expect.objectContaining({ server: UPSTREAM_IP, port: 853, transport: 'tcp',
      sni: 'dot.lab', tlsVersion: 'TLS 1.3', flows: 1 })]);
  });
});
