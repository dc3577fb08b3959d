// Scenario 1, the set-up dnsleak exists to verify: systemd-resolved with DNSOverTLS=yes, applications
// resolving through its stub. Nothing leaves the host in plaintext, so `watch` exits 0.
import { expect, it } from 'vitest';
import { UPSTREAM_IP, ZONE } from './addresses.js';
import { digStub, getentStub } from './clients.js';
import { describeLab, useLab } from './lab-suite.js';
import { STRICT_DOT } from './resolved.js';
import { startWatch } from './watch.js';

describeLab('lab: stub lookups only, resolved with DNSOverTLS=yes', () => {
  const lab = useLab(STRICT_DOT);

  it('watch exits 0: stub queries on lo, one TLS 1.3 flow to dot.lab, no plaintext off lo', async () => {
    const watch = startWatch(lab.get(), ['--for', '6s']);
    await watch.capturing(2);
    expect(digStub(lab.get(), 'www.lab')).toBe(ZONE['www.lab']);
    expect(digStub(lab.get(), 'mail.lab')).toBe(ZONE['mail.lab']);
    expect(getentStub(lab.get(), 'dot.lab')).toBe(ZONE['dot.lab']);
    const { status, events, report } = await watch.result;

    expect({ status, verdict: report.verdict, exitCode: report.exitCode, events }).toEqual({ status: 0, verdict: 'clean', exitCode: 0, events: [] });
    const lo = report.interfaces.find((row) => row.name === 'lo');
    const veth = report.interfaces.find((row) => row.name === lab.get().hostLink);
    // Three lookups, each one query and one response between the application and 127.0.0.53.
    expect(lo).toMatchObject({ loopback: true, stubQueries: 3, dnsMessages: 6, leakedQueries: 0 });
    // resolved forwards all three over one DoT connection it keeps open.
    expect(veth).toMatchObject({ loopback: false, dnsMessages: 0, leakedQueries: 0, leakedResponses: 0, encryptedFlows: 1 });
    expect(report.totals).toMatchObject({ leakedQueries: 0, leakedResponses: 0, linkLocalQueries: 0, downgradedQueries: 0 });
    expect(report.encrypted).toEqual([{ server: UPSTREAM_IP, port: 853, transport: 'tcp', sni: 'dot.lab', tlsVersion: 'TLS 1.3',
      flows: 1, bytes: veth?.encryptedBytes, lastSeen: expect.any(String) }]);
    expect(veth?.encryptedBytes).toBeGreaterThan(0);
  });
});
