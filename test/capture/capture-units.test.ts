// The pure parts of the live capture: filter text, counter wrap-around, sysfs parsing, link type
// names, and option bounds (checked before any handle is opened).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureFilter, DNS_PORTS_FILTER } from '../../src/capture/capture-filter.js';
import { readKernelCounters, type KernelCounterState } from '../../src/capture/kernel-counters.js';
import { openLiveCapture } from '../../src/capture/live-capture.js';
import { listNetDevices, readNetDevice } from '../../src/capture/net-devices.js';
import { linkTypeNumber } from '../../src/capture/pcap-binding.js';
import { UsageError } from '../../src/errors.js';

describe('captureFilter', () => {
  it('passes DNS, DoT/DoQ, mDNS and LLMNR ports, VLAN-tagged too on Ethernet', () => {
    expect(DNS_PORTS_FILTER).toBe('udp port 53 or tcp port 53 or port 853 or udp port 5353 or udp port 5355');
    expect(captureFilter(1)).toBe(`(${DNS_PORTS_FILTER}) or (vlan and (${DNS_PORTS_FILTER}))`);
  });

  it('leaves out the VLAN clause where libpcap cannot compile it (loopback, tun)', () => {
    expect(captureFilter(772)).toBe(DNS_PORTS_FILTER);
    expect(captureFilter(65534)).toBe(DNS_PORTS_FILTER);
  });
});

describe('readKernelCounters', () => {
  it('sums deltas so totals keep counting past libpcap 32-bit wrap', () => {
    const state: KernelCounterState = { last: null, total: { received: 0, dropped: 0, interfaceDropped: 0 } };
    expect(readKernelCounters(state, { ps_recv: 0xfffffff0, ps_drop: 5, ps_ifdrop: 1 })).toEqual({
      received: 0xfffffff0,
      dropped: 5,
      interfaceDropped: 1,
    });
    expect(readKernelCounters(state, { ps_recv: 0x10, ps_drop: 7, ps_ifdrop: 1 })).toEqual({
      received: 0x100000010,
      dropped: 7,
      interfaceDropped: 1,
    });
  });

  it('reads negative numbers from a signed binding as their unsigned value', () => {
    const state: KernelCounterState = { last: null, total: { received: 0, dropped: 0, interfaceDropped: 0 } };
    expect(readKernelCounters(state, { ps_recv: -1, ps_drop: 0, ps_ifdrop: 0 }).received).toBe(0xffffffff);
  });
});

describe('net devices from sysfs', () => {
  const root = mkdtempSync(join(tmpdir(), 'sys-class-net-'));
  const device = (name: string, files: Record<string, string>): void => {
    mkdirSync(join(root, name));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, name, file), text);
  };
  device('lo', { flags: '0x9\n', ifindex: '1\n', type: '772\n' });
  device('eth0', { flags: '0x1003\n', ifindex: '2\n', type: '1\n' });
  device('tun0', { flags: '0x1090\n', ifindex: '7\n', type: '65534\n' });
  device('half', { flags: '0x1003\n', type: '1\n' });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads up and loopback from flags and type, sorted by name, skipping incomplete entries', () => {
    expect(listNetDevices(root)).toEqual([
      { name: 'eth0', ifindex: 2, arphrdType: 1, up: true, loopback: false },
      { name: 'lo', ifindex: 1, arphrdType: 772, up: true, loopback: true },
      { name: 'tun0', ifindex: 7, arphrdType: 65534, up: false, loopback: false },
    ]);
  });

  it('returns null for names that are missing or not interface names', () => {
    expect(readNetDevice('eth1', root)).toBeNull();
    expect(readNetDevice('../lo', root)).toBeNull();
    expect(readNetDevice('a-name-far-too-long', root)).toBeNull();
  });

  it('returns no devices when the directory is missing', () => {
    expect(listNetDevices(join(root, 'missing'))).toEqual([]);
  });
});

describe('linkTypeNumber', () => {
  it('maps node_pcap names to LINKTYPE_ numbers, raw IP to 101 as in capture files', () => {
    expect(linkTypeNumber('LINKTYPE_ETHERNET')).toBe(1);
    expect(linkTypeNumber('LINKTYPE_RAW')).toBe(101);
    expect(linkTypeNumber('LINKTYPE_LINUX_SLL')).toBe(113);
    expect(linkTypeNumber('Unknown linktype 276')).toBe(276);
    expect(linkTypeNumber('something else')).toBe(-1);
  });
});

describe('openLiveCapture options', () => {
  const sink = { interface: () => {}, frame: () => {} };

  it('rejects a buffer size, snaplen, scan interval or buffer timeout out of bounds as usage errors', () => {
    expect(() => openLiveCapture({ bufferSize: 1000 }, sink)).toThrow(UsageError);
    expect(() => openLiveCapture({ bufferSize: 1.5e6 + 0.5 }, sink)).toThrow(
      'buffer size must be a whole number of bytes from 65536 to 2147483647, not 1500000.5',
    );
    expect(() => openLiveCapture({ snaplen: 64 }, sink)).toThrow('snaplen must be a whole number from 128 to 262144, not 64');
    expect(() => openLiveCapture({ scanIntervalMs: 0 }, sink)).toThrow('scan interval must be 10 to 60000 ms, not 0');
    expect(() => openLiveCapture({ bufferTimeoutMs: -1 }, sink)).toThrow('buffer timeout must be 0 (immediate) to 1000 ms, not -1');
    expect(() => openLiveCapture({ bufferTimeoutMs: 2.5 }, sink)).toThrow(UsageError);
  });
});
