// Scenario 3: resolved with LLMNR=yes answers a single-label name by multicasting it on the link: the
// name leaves the host in plaintext even though unicast DNS is encrypted. A link-local leak (exit 1),
// unless the policy allows link-local resolution (exit 0). Both verdicts come from one lookup, watched by
// two dnsleak processes at once.
import { expect, it } from 'vitest';
import { HOST_IP } from './addresses.js';
import { digStub } from './clients.js';
import { waitUntil } from './exec.js';
import { describeLab, useLab } from './lab-suite.js';
import { startWatch } from './watch.js';

/** resolved sends an LLMNR query three times before giving up (its LLMNR_TRANSACTION_ATTEMPTS_MAX). */
const LLMNR_ATTEMPTS = 3;

describeLab('lab: LLMNR lookup of a single-label name, resolved with LLMNR=yes', () => {
  const lab = useLab({ dnsOverTls: 'yes', llmnr: true });

  it('printer leaks on the veth as link-local: exit 1, and exit 0 with --allow link-local', async () => {
    // resolved probes its own host name by LLMNR when a link comes up; let that finish before watching.
    await waitUntil('resolved to probe its host name', 10_000, () => lab.get().resolved.output().includes('successfully probed'));
    const strict = startWatch(lab.get(), ['--for', '8s']);
    const allowing = startWatch(lab.get(), ['--for', '8s', '--allow', 'link-local']);
    await Promise.all([strict.capturing(2), allowing.capturing(2)]);
    // Nobody on the link answers: the stub reports the name as not found.
    expect(digStub(lab.get(), 'printer')).toBe('');
    const [leaked, allowed] = await Promise.all([strict.result, allowing.result]);

    expect({ status: leaked.status, verdict: leaked.report.verdict }).toEqual({ status: 1, verdict: 'leak' });
    expect(leaked.events).toHaveLength(LLMNR_ATTEMPTS);
    for (const event of leaked.events) {
      expect(event).toMatchObject({ interface: lab.get().hostLink, category: 'link-local', transport: 'udp',
        src: HOST_IP, dst: '224.0.0.252', dstPort: 5355, qname: 'printer', qtype: 'A' });
    }
    expect(leaked.report.totals).toMatchObject({ linkLocalQueries: LLMNR_ATTEMPTS, leakedQueries: LLMNR_ATTEMPTS, stubQueries: 1 });
    expect(leaked.report.topLeakedNames).toEqual([{ qname: 'printer', queries: LLMNR_ATTEMPTS }]);

    expect({ status: allowed.status, verdict: allowed.report.verdict, events: allowed.events }).toEqual({ status: 0, verdict: 'clean', events: [] });
    expect(allowed.report.totals).toMatchObject({ leakedQueries: 0, allowedQueries: LLMNR_ATTEMPTS, stubQueries: 1 });
  });
});
