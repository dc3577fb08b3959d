import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Dashboard } from '../../src/ui/Dashboard.js';
import type { LiveView } from '../../src/ui/live-view.js';
import { counters, interfaceReport, leakEvent, liveInterface, liveView, report, upstream } from './live-view-fixture.js';

const EVIL = 'evil\u001b]0;x\u0007.example';
const EVIL_SHOWN = 'evil\\x1b]0;x\\x07.example';

afterEach(cleanup);

function leakingView(overrides: Partial<LiveView> = {}): LiveView {
  return liveView({
    report: report({
      verdict: 'leak',
      exitCode: 1,
      reasons: ['3 plaintext queries left the host'],
      totals: { ...counters({ packets: 1234, leakedQueries: 3 }), truncated: false },
      interfaces: [
        interfaceReport('lo', { stubQueries: 12 }),
        interfaceReport('eth0', { leakedQueries: 3, leakedResponses: 2, linkLocalQueries: 1, encryptedFlows: 2, encryptedBytes: 1536 * 1024 }),
      ],
      encrypted: [upstream()],
      topLeakedNames: [
        { qname: 'example.com', queries: 2 },
        { qname: EVIL, queries: 1 },
      ],
    }),
    recentLeaks: [leakEvent(), leakEvent({ qname: EVIL, time: '2024-05-01T12:00:03.500000Z', qtype: 'TXT' })],
    captureStatus: [liveInterface('lo'), liveInterface('eth0', { drops: null })],
    elapsedSeconds: 3725,
    packetsPerSecond: 12.6,
    ...overrides,
  });
}

function frame(view: LiveView, options: { width?: number; height?: number; help?: boolean; noColor?: boolean } = {}): string[] {
  const { lastFrame } = render(
    <Dashboard view={view} help={options.help ?? false} noColor={options.noColor ?? true} width={options.width ?? 100} height={options.height} />,
  );
  return (lastFrame() ?? '').split('\n');
}

function row(lines: string[], first: string): string[] {
  const line = lines.find((l) => l.startsWith(`${first} `));
  if (line === undefined) throw new Error(`no line starts with ${first}`);
  return line.trim().split(/\s+/);
}

describe('Dashboard verdict banner', () => {
  it('shows LEAKING with the elapsed time, packet rate, total and the reasons', () => {
    const lines = frame(leakingView());
    expect(lines[0]).toBe(' LEAKING   1:02:05  13 pkt/s  1234 packets');
    expect(lines[1]).toBe('  - 3 plaintext queries left the host');
  });
  it('shows CLEAN and INCONCLUSIVE', () => {
    expect(frame(liveView())[0]).toBe(' CLEAN   0:00:00  0 pkt/s  0 packets');
    const inconclusive = liveView({ report: report({ verdict: 'inconclusive', exitCode: 3, reasons: ['the kernel dropped 4 packets'] }) });
    expect(frame(inconclusive).slice(0, 2)).toEqual([' INCONCLUSIVE   0:00:00  0 pkt/s  0 packets', '  - the kernel dropped 4 packets']);
  });
  it('shows PAUSED while the display is frozen, and the footer offers to resume', () => {
    const lines = frame(leakingView({ paused: true }));
    expect(lines[0]).toBe(' LEAKING   1:02:05  13 pkt/s  1234 packets  PAUSED');
    expect(lines.at(-1)).toBe('q quit  p resume  r reset  ? help');
  });
});

describe('Dashboard tables', () => {
  it('shows an interface row with its status, counts, DoT bytes in binary units and ? for unknown drops', () => {
    const lines = frame(leakingView());
    expect(row(lines, 'INTERFACE')).toEqual(['INTERFACE', 'LOOPBACK', 'STATUS', 'STUB', 'LEAKED-Q', 'LEAKED-R', 'LINK-LOCAL', 'DOT-FLOWS', 'DOT-BYTES', 'DROPS']);
    expect(row(lines, 'lo')).toEqual(['lo', 'yes', 'capturing', '12', '0', '0', '0', '0', '0', 'B', '0']);
    expect(row(lines, 'eth0')).toEqual(['eth0', 'no', 'capturing', '0', '3', '2', '1', '2', '1.5', 'MiB', '?']);
  });
  it('shows a captured interface with no packets yet as not captured with zero counts', () => {
    const view = leakingView({ captureStatus: [liveInterface('lo'), liveInterface('eth0'), liveInterface('wlan0', { status: 'not-captured', drops: null })] });
    expect(row(frame(view), 'wlan0')).toEqual(['wlan0', '-', 'not', 'captured', '0', '0', '0', '0', '0', '0', 'B', '?']);
  });
  it('shows each encrypted upstream with SNI, TLS version, flows, bytes and the time last seen', () => {
    expect(row(frame(leakingView()), '1.1.1.1')).toEqual(['1.1.1.1', 'tcp/853', 'cloudflare-dns.com', 'TLS', '1.3', '2', '1.5', 'KiB', '12:00:05']);
  });
  it('lists five upstreams and counts the rest', () => {
    const encrypted = Array.from({ length: 7 }, (_, i) => upstream({ server: `192.0.2.${i + 1}` }));
    const lines = frame(leakingView({ report: report({ encrypted }) }));
    expect(lines.filter((l) => l.startsWith('192.0.2.')).length).toBe(5);
    expect(lines).toContain('  … and 2 more');
  });
  it('says so when nothing has been seen yet', () => {
    const lines = frame(liveView());
    expect(lines).toEqual([
      ' CLEAN   0:00:00  0 pkt/s  0 packets',
      'Interfaces',
      '  no interface seen yet',
      'Encrypted upstreams',
      '  none seen yet',
      'Recent leaks, newest first (0 leaked queries)',
      '  none seen',
      'Top leaked names: none',
      'q quit  p pause  r reset  ? help',
    ]);
  });
});

describe('Dashboard leak events', () => {
  it('lists the newest event first with time, interface, category, destination, name and type', () => {
    const lines = frame(leakingView());
    const header = lines.findIndex((l) => l.startsWith('TIME '));
    expect(lines[header].trim().split(/\s+/)).toEqual(['TIME', 'INTERFACE', 'CATEGORY', 'DESTINATION', 'NAME', 'TYPE']);
    expect(lines[header + 1].trim().split(/\s+/)).toEqual(['12:00:03', 'eth0', 'plaintext', 'udp', '198.51.100.53:53', EVIL_SHOWN, 'TXT']);
    expect(lines[header + 2].trim().split(/\s+/)).toEqual(['12:00:00', 'eth0', 'plaintext', 'udp', '198.51.100.53:53', 'example.com', 'A']);
  });
  it('shows as many events as fit the terminal height and no more lines than it has', () => {
    const recentLeaks = Array.from({ length: 40 }, (_, i) => leakEvent({ qname: `n${i}.example` }));
    const lines = frame(leakingView({ recentLeaks }), { height: 24 });
    const names = lines.filter((l) => /\bn\d+\.example\b/.test(l)).map((l) => /\b(n\d+)\.example\b/.exec(l)?.[1]);
    // 23 lines: 13 fixed (banner with one reason, two interfaces, one upstream, titles, footer) and 10 events.
    expect(lines.length).toBe(23);
    expect(names).toEqual(['n39', 'n38', 'n37', 'n36', 'n35', 'n34', 'n33', 'n32', 'n31', 'n30']);
  });
  it('prints a query name carrying an OSC sequence escaped, with no raw ESC or BEL', () => {
    const text = frame(leakingView()).join('\n');
    expect(text).toContain(`12:00:03 eth0`);
    expect(text).toContain(`Top leaked names: example.com 2 · ${EVIL_SHOWN} 1`);
    expect(text.split(EVIL_SHOWN).length - 1).toBe(2);
    expect(text).not.toMatch(/[\u001b\u0007]/);
  });
  it('escapes hostile interface names, SNIs, servers and reasons too', () => {
    const view = liveView({
      report: report({
        reasons: ['interface x\u001b[2J stopped'],
        interfaces: [interfaceReport('x\u001b[2J')],
        encrypted: [upstream({ server: '10.0.0.1\u009b', sni: 'dns\u001b]8;;\u0007' })],
      }),
    });
    const text = frame(view).join('\n');
    expect(text).toContain('  - interface x\\x1b[2J stopped');
    expect(text).toContain('x\\x1b[2J ');
    expect(text).toContain('10.0.0.1\\x9b ');
    expect(text).toContain('dns\\x1b]8;;\\x07');
    expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
  });
});

describe('Dashboard width and help', () => {
  it('drops less important columns at 80 columns but keeps interfaces and leak counts', () => {
    const lines = frame(leakingView(), { width: 80 });
    expect(row(lines, 'INTERFACE')).toEqual(['INTERFACE', 'STATUS', 'STUB', 'LEAKED-Q', 'LEAKED-R', 'LINK-LOCAL', 'DOT-FLOWS', 'DROPS']);
    expect(row(lines, 'eth0')).toEqual(['eth0', 'capturing', '0', '3', '2', '1', '2', '?']);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
  it('keeps the interface name, category and query name of events at 40 columns', () => {
    const lines = frame(leakingView(), { width: 40 });
    expect(row(lines, 'INTERFACE')).toEqual(['INTERFACE', 'LEAKED-Q', 'LEAKED-R', 'DROPS']);
    expect(row(lines, 'eth0')).toEqual(['eth0', '3', '2', '?']);
    const header = lines.findIndex((l) => l.startsWith('Recent leaks')) + 1;
    expect(lines[header].trim().split(/\s+/)).toEqual(['INTERFACE', 'CATEGORY', 'NAME']);
    expect(lines[header + 1].trim().split(/\s+/)).toEqual(['eth0', 'plaintext', 'evil\\x1b]0;x\\x07…']);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(40);
  });
  it('shows the help in place of the tables and the footer offers to close it', () => {
    const lines = frame(leakingView(), { help: true });
    const text = lines.join('\n');
    expect(text).toContain('Keys');
    expect(text).toContain('p          pause the display (the capture keeps counting); p again resumes');
    expect(text).not.toContain('Interfaces');
    expect(lines.at(-1)).toBe('q quit  p pause  r reset  ? close help');
  });
});
