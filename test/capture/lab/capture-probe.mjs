// Runs the live capture (from the compiled dist/) inside a network namespace for the capture tests.
// Prints one JSON object per line: events as they happen, stats on "stats" from stdin, and final
// stats on "stop". Each delivered frame is checked: Ethernet, IPv4, UDP to port 53, and a query for
// q<sequence>.probe.test, so corrupted or duplicated frames are counted, not just frames.
import { createInterface } from 'node:readline';
import { openLiveCapture } from '../../../dist/src/capture/live-capture.js';

const settings = JSON.parse(process.argv[2] ?? '{}');
const maxSequence = settings.maxSequence ?? 1_000_000;
const seen = new Uint8Array(maxSequence);
const counts = { frames: 0, valid: 0, corrupt: 0, duplicates: 0, other: 0 };
const names = new Map();
const perInterface = new Map();

function print(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

// Returns the sequence number of a probe query, -1 for another packet, -2 when the bytes are wrong.
function probeSequence(frame) {
  const data = frame.data;
  let at = frame.offset;
  const end = at + frame.capturedLength;
  if (end - at < 14 + 20 + 8 + 12) return -1;
  if (data.readUInt16BE(at + 12) !== 0x0800) return -1;
  at += 14;
  const ihl = (data[at] & 0x0f) * 4;
  if (data[at] >> 4 !== 4 || ihl < 20 || data[at + 9] !== 17) return -1;
  if (data.readUInt16BE(at + 2) !== end - at) return -2;
  at += ihl;
  if (data.readUInt16BE(at + 2) !== 53) return -1;
  if (data.readUInt16BE(at + 4) !== end - at) return -2;
  at += 8 + 12;
  const length = data[at];
  if (at + 1 + length > end || length < 2 || data[at + 1] !== 0x71) return -2; // 'q'
  const text = data.toString('latin1', at + 2, at + 1 + length);
  if (!/^\d+$/.test(text)) return -2;
  const rest = data.toString('latin1', at + 1 + length, Math.min(end, at + 1 + length + 12));
  if (rest !== '\x05probe\x04test\x00') return -2;
  return Number(text);
}

const sink = {
  interface(id, description) {
    names.set(id, description.name);
    perInterface.set(description.name, 0);
    print({ type: 'interface', id, ...description });
  },
  frame(frame) {
    counts.frames++;
    const name = names.get(frame.interfaceId);
    perInterface.set(name, (perInterface.get(name) ?? 0) + 1);
    const sequence = probeSequence(frame);
    if (sequence === -1) counts.other++;
    else if (sequence === -2 || sequence >= maxSequence) counts.corrupt++;
    else if (seen[sequence] === 1) counts.duplicates++;
    else {
      seen[sequence] = 1;
      counts.valid++;
    }
    if (settings.slowMicros > 0) {
      const until = process.hrtime.bigint() + BigInt(settings.slowMicros * 1000);
      while (process.hrtime.bigint() < until);
    }
  },
};

const started = process.hrtime.bigint();
const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
let capture;
try {
  capture = openLiveCapture(settings.options ?? {}, sink, {
    onInterfaceOpened: (id, name) => print({ type: 'opened', id, name, atMs: elapsedMs() }),
    onInterfaceClosed: (id, name, reason) => print({ type: 'closed', id, name, reason, atMs: elapsedMs() }),
    onWarning: (message) => print({ type: 'warning', message }),
    onError: (error) => print({ type: 'error', message: String(error) }),
  });
} catch (error) {
  print({ type: 'open-failed', name: error.name, message: error.message, available: error.available ?? null });
  process.exit(0);
}
let collections = 0;
if (settings.gcEveryMs > 0) {
  setInterval(() => {
    globalThis.gc();
    collections++;
  }, settings.gcEveryMs);
}
print({ type: 'ready' });

const snapshot = (stats) => ({ counts, perInterface: Object.fromEntries(perInterface), collections, interfaces: stats });
createInterface({ input: process.stdin }).on('line', async (line) => {
  if (line === 'stats') print({ type: 'stats', ...snapshot(capture.stats()) });
  if (line === 'stop') {
    await capture.drain();
    print({ type: 'final', ...snapshot(capture.stop()) });
    // A closed handle is freed only when its ring next sees a packet (node_pcap), so its poll can
    // keep the loop alive: exit explicitly, as the CLI does.
    process.exit(0);
  }
});
