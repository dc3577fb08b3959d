// Scenario 6: an interface that appears while watch runs (a VPN's tun, a container's veth) is captured
// too. A second veth pair is added to the host mid-run and a leaky query is sent over it.
import { expect, it } from 'vitest';
import { HOTPLUG_HOST_IP, HOTPLUG_UPSTREAM_IP, ZONE } from './addresses.js';
import { digDirect } from './clients.js';
import { describeLab, useLab } from './lab-suite.js';
import { STRICT_DOT } from './resolved.js';
import { startWatch } from './watch.js';

describeLab('lab: a veth added to the host while watch runs', () => {
  const lab = useLab(STRICT_DOT);

  it('a leak over the new link is counted on the new interface: exit 1', async () => {
    const watch = startWatch(lab.get(), ['--for', '8s']);
    await watch.capturing(2);
    const added = lab.get().addHotplugLink();
    // watch opens a capture on the new link when it notices it: a third packet socket.
    await watch.capturing(3);
    expect(digDirect(lab.get(), HOTPLUG_UPSTREAM_IP, 'leak.lab')).toBe(ZONE['leak.lab']);
    const { status, events, report } = await watch.result;

    expect({ status, verdict: report.verdict }).toEqual({ status: 1, verdict: 'leak' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ interface: added, category: 'plaintext', transport: 'udp',
      src: HOTPLUG_HOST_IP, dst: HOTPLUG_UPSTREAM_IP, dstPort: 53, qname: 'leak.lab', qtype: 'A' });
    const rows = Object.fromEntries(report.interfaces.map((row) => [row.name, row]));
    expect(rows[added]).toMatchObject({ loopback: false, dnsMessages: 2, leakedQueries: 1, leakedResponses: 1 });
    expect(rows[lab.get().hostLink]).toMatchObject({ dnsMessages: 0, leakedQueries: 0 });
    expect(report.totals).toMatchObject({ leakedQueries: 1, leakedResponses: 1 });
  });
});
