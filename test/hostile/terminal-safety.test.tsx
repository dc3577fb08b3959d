// A capture whose query name, SNI and pcapng if_name carry OSC and CSI sequences, 8-bit CSI and invalid
// UTF-8: the text report and the dashboard show them escaped (no ESC, BEL or 0x9b byte reaches the
// terminal), and the JSON report stays valid JSON that keeps what the bytes said.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as H from '../../fixtures/build/hosts.js';
import { tcpConversation } from '../../fixtures/build/tcp-conversation.js';
import { tlsClientHello, tlsServerHello } from '../../fixtures/build/tls.js';
import { udpPacket } from '../../fixtures/build/transport.js';
import { Dashboard } from '../../src/ui/Dashboard.js';
import { recentLeaks } from '../../src/audit/snapshot.js';
import { createAuditState } from '../../src/audit/audit-state.js';
import { snapshot } from '../../src/audit/snapshot.js';
import { NO_POLICY } from '../../src/classify/policy.js';
import { DNSLEAK, REPO } from '../support/run-dnsleak.js';
import { liveInterface, liveView } from '../ui/live-view-fixture.js';
import { feed } from './audit-bytes.js';
import { pcapngOf } from './build-capture.js';
import { dnsHeader } from './dns-messages.js';

const OSC_TITLE = Buffer.from('\x1b]0;pwned\x07', 'latin1');
const CSI_CLEAR = Buffer.from('\x1b[2J', 'latin1');
const C1_CSI = Buffer.from([0x9b, 0x33, 0x31, 0x6d]);
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3]);
const HOSTILE = Buffer.concat([OSC_TITLE, CSI_CLEAR, C1_CSI, INVALID_UTF8]);
const RAW_TERMINAL_BYTES = [0x1b, 0x07, 0x9b];

/** A query whose first label is the hostile bytes, then "example". */
const hostileQuery = Buffer.concat([dnsHeader({}), Buffer.from([HOSTILE.length]), HOSTILE, Buffer.from([7]), Buffer.from('example'), Buffer.from([0, 0, 16, 0, 1])]);
const QNAME_SHOWN = '\\027]0;pwned\\007\\027[2J\\15531m\\255\\254\\195.example';

const dot = tcpConversation({ client: H.HOST, server: H.DOT_RESOLVER, clientPort: 40_100, serverPort: 853, clientIsn: 1, serverIsn: 2 });
const capture = pcapngOf(
  [
    udpPacket({ src: H.HOST, dst: H.PLAIN_RESOLVER, srcPort: 40_000, dstPort: 53 }, hostileQuery),
    ...dot.handshake(),
    dot.client(tlsClientHello({ sni: HOSTILE.toString('latin1'), seed: 5, alpn: ['dot'] })),
    dot.server(tlsServerHello({ version: '1.3', seed: 6 })),
  ],
  Buffer.concat([Buffer.from('eth'), HOSTILE]),
);

const scratch = mkdtempSync(join(tmpdir(), 'dnsleak-terminal-'));
const file = join(scratch, 'hostile.pcapng');
writeFileSync(file, capture);
afterAll(() => spawnSync('rm', ['-rf', scratch]));
afterEach(cleanup);

function dnsleakBytes(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [DNSLEAK, ...args], { cwd: REPO, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function rawTerminalBytes(output: Buffer): number[] {
  return [...output].filter((byte) => RAW_TERMINAL_BYTES.includes(byte));
}

describe('hostile names on the terminal', () => {
  it('the text report escapes the query name, SNI and interface name', () => {
    const result = dnsleakBytes(['audit', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(rawTerminalBytes(result.stdout)).toEqual([]);
    const text = result.stdout.toString('utf8');
    expect(text).toContain(QNAME_SHOWN);
    // The SNI keeps its dots: escaped like a host name, control bytes as \DDD.
    expect(text).toContain('\\027]0;pwned\\007\\027[2J\\15531m\\255\\254\\195');
    // The interface name is text from the file: invalid UTF-8 reads as U+FFFD, controls as \xNN.
    expect(text).toContain('eth\\x1b]0;pwned\\x07\\x1b[2J\ufffd31m\ufffd\ufffd\ufffd');
  });

  it('--json is valid JSON carrying the same escaped names', () => {
    const result = dnsleakBytes(['audit', '--json', file]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout.toString('utf8'));
    expect(report.leaks.map((e: { qname: string; interface: string }) => [e.qname, e.interface])).toEqual([
      [QNAME_SHOWN, 'eth\x1b]0;pwned\x07\x1b[2J\ufffd31m\ufffd\ufffd\ufffd'],
    ]);
    expect(report.encrypted.map((u: { sni: string }) => u.sni)).toEqual(['\\027]0;pwned\\007\\027[2J\\15531m\\255\\254\\195']);
    expect(rawTerminalBytes(result.stdout)).toEqual([]);
  });

  it('the dashboard renders the same snapshot without a raw escape byte', () => {
    const state = createAuditState(NO_POLICY);
    feed(state, capture, 1 << 20);
    const report = snapshot(state, { sources: ['hostile'], live: true, requireEncrypted: false });
    const name = report.interfaces[0].name as string;
    const view = liveView({ report, recentLeaks: recentLeaks(state), captureStatus: [liveInterface(name)] });
    const { lastFrame } = render(<Dashboard view={view} help={false} noColor width={160} />);
    const frame = lastFrame() ?? '';

    expect(frame).toContain('eth\\x1b]0;pwned');
    expect(frame).toContain('\\027]0;pwned');
    expect(rawTerminalBytes(Buffer.from(frame, 'utf8'))).toEqual([]);
  });
});
