// `node dist/scripts/bench/warm-up.js FILE [--passes N]` (after `npm run build`): how much of an audit
// is V8 warming up. It reads FILE into memory once, then audits it N times (3 unless told) in one
// process, each pass through a new reader, sink and audit state fed 256 KiB at a time, as the file
// reader feeds them, and prints each pass's time, slice by slice (a twentieth of the file each). A
// last line times the copying into the chunk alone, which every pass includes.
//
// How to read it: the first pass runs the audit's code unoptimised until V8 has compiled it; by the
// third, the code is optimised from its first packet. The second pass warms up again, because V8
// shares feedback and optimised code between the closures one site creates only from the second
// closure on, and the pipeline's stages are closures made per audit. README's "How much of an audit
// is warming up" comes from this script.
import { readFileSync } from 'node:fs';
import { createAuditSink } from '../../src/audit/audit-sink.js';
import { createAuditState } from '../../src/audit/audit-state.js';
import { parseAllow } from '../../src/classify/policy.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';

/** What the file reader reads at a time (src/sources/capture-file.ts). */
const CHUNK = 256 << 10;
const SLICES = 20;

/** One pass over file through a new audit pipeline (or none: the copying alone); ms per slice. */
function pass(file: Buffer, chunk: Buffer, audit: boolean): number[] {
  const reader = audit ? createCaptureReader(createAuditSink(createAuditState(parseAllow([])))) : null;
  const slices: number[] = [];
  let sliceEnd = file.length / SLICES;
  let sliceStart = performance.now();
  for (let at = 0; at < file.length; at += CHUNK) {
    const length = file.copy(chunk, 0, at, Math.min(at + CHUNK, file.length));
    reader?.push(length === CHUNK ? chunk : chunk.subarray(0, length));
    if (at + CHUNK >= sliceEnd || at + CHUNK >= file.length) {
      const now = performance.now();
      slices.push(now - sliceStart);
      sliceStart = now;
      sliceEnd += file.length / SLICES;
    }
  }
  reader?.end();
  return slices;
}

function line(label: string, slices: number[]): string {
  const total = slices.reduce((sum, ms) => sum + ms, 0);
  return `${label.padEnd(12)} ${total.toFixed(0).padStart(5)} ms | ${slices.map((ms) => ms.toFixed(1)).join(' ')}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const passesAt = args.indexOf('--passes');
  const passes = passesAt < 0 ? 3 : Number(args[passesAt + 1]);
  const path = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--passes');
  if (path === undefined || !(passes >= 1)) {
    console.error('usage: warm-up.js FILE [--passes N]');
    process.exit(2);
  }
  const file = readFileSync(path);
  const chunk = Buffer.allocUnsafeSlow(CHUNK);
  console.log(`${path} on Node ${process.versions.node}: ms per pass, then per twentieth of the file`);
  for (let i = 1; i <= passes; i++) console.log(line(`pass ${i}`, pass(file, chunk, true)));
  console.log(line('copy only', pass(file, chunk, false)));
}

main();
