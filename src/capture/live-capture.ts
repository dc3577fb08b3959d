// Live capture: one libpcap handle per interface, delivering the same FrameSink calls as the capture
// file readers. Polls sysfs every second to open interfaces that come up (tun0, docker0, a veth) and to
// close those that go down or vanish; closed interfaces stay listed with their counters.
import { Direction, newFrame, type FrameSink } from '../frame.js';
import { CapturePermissionError } from './capture-errors.js';
import { interfaceStats, type CaptureInterfaceRecord, type CloseReason, type LiveInterfaceStats } from './capture-interface.js';
import { createInterfaceRegistry } from './interface-registry.js';
import { downNamesOf, listNetDevices, readNetDevice, SYS_CLASS_NET, type NetDevice } from './net-devices.js';
import { createHandleFinisher } from './handle-finisher.js';
import { HandleState, openPcapHandle, type PcapHandle } from './pcap-handle.js';
import { handleSettings, type LiveCaptureOptions } from './capture-options.js';

export type { LiveInterfaceStats, CloseReason } from './capture-interface.js';
export type { KernelCounters } from './kernel-counters.js';
export { DEFAULT_BUFFER_SIZE, DEFAULT_SNAPLEN, type LiveCaptureOptions } from './capture-options.js';

export interface LiveCaptureEvents {
  onInterfaceOpened?(id: number, name: string): void;
  onInterfaceClosed?(id: number, name: string, reason: CloseReason): void;
  onWarning?(message: string): void;
  /** The sink threw: the capture has stopped. Without this handler the error is thrown from the event loop. */
  onError?(error: unknown): void;
}

export interface LiveCapture {
  /** Every interface opened so far, in id order, with counters read now. */
  stats(): LiveInterfaceStats[];
  /**
   * Resolves once the packets the kernel had received when called have been delivered. With a buffer
   * timeout the kernel hands over a partly filled block only when the timeout expires: call this
   * before stop, or the last moments of a capture go unseen.
   */
  drain(): Promise<void>;
  /** Closes every handle; returns the final stats. Safe to call more than once. */
  stop(): LiveInterfaceStats[];
}

export function openLiveCapture(options: LiveCaptureOptions, sink: FrameSink, events: LiveCaptureEvents = {}): LiveCapture {
  const settings = handleSettings(options);
  const scanIntervalMs = settings.scanIntervalMs;
  const wanted = options.interfaces !== undefined && options.interfaces.length > 0 ? new Set(options.interfaces) : null;
  const sysRoot = SYS_CLASS_NET;
  const interfaces = createInterfaceRegistry(sink);
  const records = interfaces.records;
  /** Closed handles libpcap has not freed yet: swept each scan until it does. */
  let retired: PcapHandle[] = [];
  const finisher = createHandleFinisher(settings.bufferTimeoutMs, (handle) => retired.push(handle));
  /** Interfaces libpcap refused, by name, with the ifindex refused: not retried until it changes. */
  const refused = new Map<string, number>();
  const frame = newFrame();
  let stopped = false;
  let failed = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    queueMicrotask(() => {
      stop();
      if (events.onError === undefined) throw error;
      events.onError(error);
    });
  };

  const deliver = (record: CaptureInterfaceRecord, handle: PcapHandle): void => {
    if (failed) return;
    const header = handle.header;
    const capturedLength = Math.min(header[2], handle.data.length);
    frame.interfaceId = record.id;
    frame.tsSec = header[0];
    frame.tsNsec = Math.min(header[1], 999_999) * 1000;
    frame.data = handle.data;
    frame.offset = 0;
    frame.capturedLength = capturedLength;
    frame.originalLength = Math.max(header[3], capturedLength);
    frame.direction = Direction.Unknown;
    record.frames++;
    try {
      sink.frame(frame);
    } catch (error) {
      fail(error);
    }
  };

  const closeRecord = (record: CaptureInterfaceRecord, reason: CloseReason): void => {
    const handle = record.handle;
    if (handle === null) return;
    record.handle = null;
    record.closedReason = reason;
    // Its last packets may still be on their way (handle-finisher.ts); at a stop drain() waited for them.
    finisher.finish(record, handle, stopped);
    events.onInterfaceClosed?.(record.id, record.description.name, reason);
  };

  const open = (device: NetDevice): PcapHandle | null => {
    // Set right after the handle opens; its callbacks only run once the event loop polls it.
    let record: CaptureInterfaceRecord;
    let handle: PcapHandle;
    try {
      handle = openPcapHandle(
        device.name,
        device.arphrdType,
        settings,
        () => deliver(record, handle),
        (result, delivered) => afterWake(record, handle, result, delivered),
      );
    } catch (error) {
      // At start a missing privilege is the user's error; later it means privileges were dropped
      // (--user): the interface is listed as not captured, so the report cannot claim it was seen.
      if (error instanceof CapturePermissionError && records.length === 0) throw error;
      refused.set(device.name, device.ifindex);
      if (error instanceof CapturePermissionError) {
        notCaptured(device);
        return null;
      }
      events.onWarning?.(error instanceof Error ? error.message : String(error));
      return null;
    }
    record = interfaces.attach(device, handle);
    events.onInterfaceOpened?.(record.id, device.name);
    return handle;
  };

  const notCaptured = (device: NetDevice): void => {
    const record = interfaces.notCaptured(device);
    if (record !== null) events.onInterfaceClosed?.(record.id, device.name, 'not-captured');
  };

  // A poll wakeup that delivered nothing is how an error on the socket shows: libuv then stops
  // polling it for good, so the handle is replaced (or closed when the interface went down or away).
  const afterWake = (record: CaptureInterfaceRecord, handle: PcapHandle, result: number, delivered: number): void => {
    // A handle being finished has already been judged.
    if (stopped || record.handle !== handle || (result >= 0 && delivered > 0)) return;
    const device = readNetDevice(record.description.name, sysRoot);
    if (device === null || device.ifindex !== record.ifindex) closeRecord(record, 'vanished');
    else if (!device.up) closeRecord(record, 'down');
    else if (Date.now() - record.openedAt >= scanIntervalMs) replace(record, device);
    // Else the next scan's stalled-poll check looks at it again.
  };

  // Open the new handle before finishing the old one so no packet falls between them.
  const replace = (record: CaptureInterfaceRecord, device: NetDevice): void => {
    const old = record.handle;
    if (old === null) return;
    record.handle = null;
    open(device); // attaches to record, or to a new record if the link type changed
    finisher.finish(record, old, false);
    if (record.handle === null) {
      record.closedReason = 'error';
      events.onInterfaceClosed?.(record.id, record.description.name, 'error');
    }
  };

  const scan = (): void => {
    const devices = listNetDevices(sysRoot);
    const present = new Map(devices.map((device) => [device.name, device]));
    for (const record of records) {
      const handle = record.handle;
      if (handle === null) continue;
      const device = present.get(record.description.name);
      if (device === undefined || device.ifindex !== record.ifindex) closeRecord(record, 'vanished');
      else if (!device.up) closeRecord(record, 'down');
      else {
        // No wakeup for a whole interval yet packets waiting: libuv stopped polling this socket.
        if (handle.wakeups() === record.wakeupsAtLastScan && handle.sweep() > 0) replace(record, device);
        if (record.handle !== null) record.wakeupsAtLastScan = record.handle.wakeups();
        record.handle?.counters(); // read at least once per 2^32 packets keeps the totals wrap-safe
      }
    }
    for (const device of devices) {
      if (!device.up || (wanted !== null && !wanted.has(device.name))) continue;
      if (interfaces.byName(device.name)?.handle) continue;
      if (refused.get(device.name) === device.ifindex) continue;
      open(device);
    }
    for (const handle of retired) if (handle.state() === HandleState.Closing) handle.sweep();
    retired = retired.filter((handle) => handle.state() === HandleState.Closing);
  };

  const drain = async (): Promise<void> => {
    // The kernel retires blocks on a timer of bufferTimeoutMs: twice that covers the timer's slack.
    if (settings.bufferTimeoutMs > 0) await new Promise((resolve) => setTimeout(resolve, 2 * settings.bufferTimeoutMs));
    if (stopped) return;
    for (const record of records) record.handle?.sweep();
  };

  const stop = (): LiveInterfaceStats[] => {
    if (!stopped) {
      stopped = true;
      clearInterval(timer);
      finisher.finishAll();
      for (const record of records) closeRecord(record, 'stopped');
    }
    return records.map(interfaceStats);
  };

  if (wanted !== null) for (const name of downNamesOf(wanted, sysRoot)) events.onWarning?.(`${name} is down: capturing once it is up`);
  try {
    scan();
  } catch (error) {
    stop();
    throw error;
  }
  timer = setInterval(() => {
    try {
      scan();
    } catch (error) {
      // Permission lost after start: report it, keep what is open.
      events.onWarning?.(error instanceof Error ? error.message : String(error));
    }
  }, scanIntervalMs);

  return { stats: () => records.map(interfaceStats), drain, stop };
}
