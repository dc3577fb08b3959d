// The live capture in real network namespaces: exact frame counts per interface, interfaces that
// appear and vanish mid-run, kernel drop accounting, forced GC, and the errors a user can cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addLink,
  createLab,
  destroyLab,
  interfaceNamed,
  ip,
  labUnavailableReason,
  sendQueries,
  startProbe,
  stopProbe,
  type Lab,
} from './lab/netns-lab.js';

const unavailable = labUnavailableReason();
if (unavailable !== null) console.log(`skipping live capture tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('live capture in network namespaces', () => {
  let lab: Lab | undefined;

  beforeAll(() => {
    lab = createLab('cap');
    addLink(lab, 'cap0', 'snd0', '192.0.2');
  });

  afterAll(() => destroyLab(lab));

  it('delivers exactly the queries sent, on the named interface, with zero drops', async () => {
    const probe = startProbe(lab!, {});
    await probe.waitFor((line) => line.type === 'ready');
    sendQueries(lab!, '192.0.2.1', 1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = await stopProbe(probe);

    expect(final.counts).toEqual({ frames: 1000, valid: 1000, corrupt: 0, duplicates: 0, other: 0 });
    expect(final.perInterface).toEqual({ lo: 0, cap0: 1000 });
    expect(interfaceNamed(final, 'cap0')).toEqual({
      id: 0,
      name: 'cap0',
      loopback: false,
      linkType: 1,
      open: false,
      closedReason: 'stopped',
      frames: 1000,
      handles: 1,
      kernel: { received: 1000, dropped: 0, interfaceDropped: 0 },
    });
    expect(interfaceNamed(final, 'lo')).toMatchObject({ id: 1, loopback: true, frames: 0 });
    // Interfaces present at start open in name order.
    expect(probe.lines.filter((line) => line.type === 'interface')).toEqual([
      { type: 'interface', id: 0, name: 'cap0', linkType: 1, snaplen: 4096, loopback: false },
      { type: 'interface', id: 1, name: 'lo', linkType: 1, snaplen: 4096, loopback: true },
    ]);
  });

  it('captures only the interfaces named, when a list is given', async () => {
    const probe = startProbe(lab!, { options: { interfaces: ['cap0'] } });
    await probe.waitFor((line) => line.type === 'ready');
    sendQueries(lab!, '192.0.2.1', 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = await stopProbe(probe);

    expect(final.perInterface).toEqual({ cap0: 10 });
    expect(final.interfaces.map((row: { name: string }) => row.name)).toEqual(['cap0']);
  });

  it('opens an interface created mid-run within 2 s, and keeps its row and counters when it is deleted', async () => {
    const probe = startProbe(lab!, {});
    await probe.waitFor((line) => line.type === 'ready');
    const created = Date.now();
    addLink(lab!, 'cap1', 'snd1', '198.51.100');
    await probe.waitFor((line) => line.type === 'opened' && line.name === 'cap1', 2000);
    expect(Date.now() - created).toBeLessThan(2000);
    sendQueries(lab!, '198.51.100.1', 100, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    ip('-n', lab!.captureNs, 'link', 'del', 'cap1');
    const closed = await probe.waitFor((line) => line.type === 'closed' && line.name === 'cap1', 3000);
    expect(closed.reason).toBe('vanished');
    sendQueries(lab!, '192.0.2.1', 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = await stopProbe(probe);

    expect(final.perInterface).toEqual({ lo: 0, cap0: 10, cap1: 100 });
    expect(interfaceNamed(final, 'cap1')).toEqual({
      id: 2,
      name: 'cap1',
      loopback: false,
      linkType: 1,
      open: false,
      closedReason: 'vanished',
      frames: 100,
      handles: 1,
      kernel: { received: 100, dropped: 0, interfaceDropped: 0 },
    });
  });

  it('closes an interface taken down and reopens it under the same id when it comes back up', async () => {
    const probe = startProbe(lab!, {});
    await probe.waitFor((line) => line.type === 'ready');
    sendQueries(lab!, '192.0.2.1', 20, 0);
    ip('-n', lab!.captureNs, 'link', 'set', 'cap0', 'down');
    const closed = await probe.waitFor((line) => line.type === 'closed' && line.name === 'cap0', 3000);
    expect(closed.reason).toBe('down');
    ip('-n', lab!.captureNs, 'link', 'set', 'cap0', 'up');
    await probe.waitFor((line) => line.type === 'opened' && line.name === 'cap0' && line.atMs > closed.atMs, 3000);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the veth needs its carrier back
    sendQueries(lab!, '192.0.2.1', 30, 100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const final = await stopProbe(probe);

    expect(final.counts).toMatchObject({ frames: 50, valid: 50, corrupt: 0, duplicates: 0 });
    expect(interfaceNamed(final, 'cap0')).toMatchObject({
      id: 0,
      frames: 50,
      handles: 2,
      kernel: { received: 50, dropped: 0 },
    });
  });

  it('takes 200,000 queries from one sender at full speed with exact kernel counters and no drops', async () => {
    const probe = startProbe(lab!, {});
    await probe.waitFor((line) => line.type === 'ready');
    const sender = sendQueries(lab!, '192.0.2.1', 200_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const final = await stopProbe(probe);
    const cap0 = interfaceNamed(final, 'cap0');
    console.log(
      `200,000 queries in ${sender.ms.toFixed(0)} ms (${Math.round(200_000 / (sender.ms / 1000))}/s): ` +
        `received ${cap0.kernel.received}, dropped ${cap0.kernel.dropped}, delivered ${cap0.frames}`,
    );

    expect(cap0.kernel.received).toBe(200_000);
    expect(cap0.frames + cap0.kernel.dropped).toBe(200_000);
    expect(final.counts).toMatchObject({ valid: cap0.frames, corrupt: 0, duplicates: 0 });
    expect(cap0.kernel.dropped).toBe(0);
  });

  // 1 MiB holds ~7,000 queries in blocks (a buffer timeout, the default) and ~250 frames in immediate mode.
  it.each([
    ['blocks', { bufferSize: 1 << 20 }],
    ['immediate mode', { bufferSize: 1 << 20, bufferTimeoutMs: 0 }],
  ])('counts every kernel drop exactly when the consumer is slow (20 µs a frame), %s', async (_mode, options) => {
    const probe = startProbe(lab!, { slowMicros: 20, options });
    await probe.waitFor((line) => line.type === 'ready');
    sendQueries(lab!, '192.0.2.1', 50_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const final = await stopProbe(probe);
    const cap0 = interfaceNamed(final, 'cap0');
    console.log(`slow consumer: received ${cap0.kernel.received}, dropped ${cap0.kernel.dropped}, delivered ${cap0.frames}`);

    expect(cap0.kernel.received).toBe(50_000);
    expect(cap0.kernel.dropped).toBeGreaterThan(0);
    expect(cap0.frames + cap0.kernel.dropped).toBe(50_000);
    expect(final.counts).toMatchObject({ valid: cap0.frames, corrupt: 0, duplicates: 0 });
  });

  it('survives a forced GC every 5 ms during capture with no corrupted or duplicated frame', async () => {
    const probe = startProbe(lab!, { gcEveryMs: 5 }, ['--expose-gc']);
    await probe.waitFor((line) => line.type === 'ready');
    sendQueries(lab!, '192.0.2.1', 200_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const final = await stopProbe(probe);
    const cap0 = interfaceNamed(final, 'cap0');

    expect(final.collections).toBeGreaterThan(50);
    expect(final.counts).toMatchObject({ corrupt: 0, duplicates: 0, other: 0, valid: cap0.frames });
    expect(cap0.frames + cap0.kernel.dropped).toBe(200_000);
  });

  it('names the available interfaces when asked for one that does not exist', async () => {
    const probe = startProbe(lab!, { options: { interfaces: ['nope0'] } });
    const failed = await probe.waitFor((line) => line.type === 'open-failed');

    expect(failed).toEqual({
      type: 'open-failed',
      name: 'UnknownInterfaceError',
      message: 'no interface named "nope0"; available: cap0, lo',
      available: ['cap0', 'lo'],
    });
  });

  it('fails with the sudo / setcap advice when the process may not open packet sockets', async () => {
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const probe = startProbe(lab!, {}, [], asNobody);
    const failed = await probe.waitFor((line) => line.type === 'open-failed');

    expect(failed).toEqual({
      type: 'open-failed',
      name: 'CapturePermissionError',
      message:
        'needs root or CAP_NET_RAW+CAP_NET_ADMIN: run with sudo, or setcap cap_net_raw,cap_net_admin=eip on the node binary',
      available: null,
    });
  });
});
