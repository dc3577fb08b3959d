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
import { FILE_CHUNK_SIZE } from '../../src/sources/capture-file.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';

const SLICES = 20;

/**
 * One pass over file through a new audit pipeline (or none: the copying alone); ms per slice. A file
 * of fewer than twenty chunks has fewer slices, each as many twentieths as its chunk ends in.
 */
function pass(file: Buffer, chunk: Buffer, audit: boolean): number[] {
  const reader = audit ? createCaptureReader(createAuditSink(createAuditState(parseAllow([])))) : null;
  const slices: number[] = [];
  let slicesDone = 0;
  let sliceStart = performance.now();
  for (let at = 0; at < file.length; at += chunk.length) {
    const length = file.copy(chunk, 0, at, Math.min(at + chunk.length, file.length));
    reader?.push(length === chunk.length ? chunk : chunk.subarray(0, length));
    const reached = Math.floor(((at + length) * SLICES) / file.length);
    if (reached > slicesDone) {
      const now = performance.now();
      slices.push(now - sliceStart);
      sliceStart = now;
      slicesDone = reached;
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
  const chunk = Buffer.allocUnsafeSlow(FILE_CHUNK_SIZE);
  console.log(`${path} on Node ${process.versions.node}: ms per pass, then per twentieth of the file`);
  for (let i = 1; i <= passes; i++) console.log(line(`pass ${i}`, pass(file, chunk, true)));
  console.log(line('copy only', pass(file, chunk, false)));
}

main();
