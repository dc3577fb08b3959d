// Mutated capture files through the whole in-process pipeline (reader, audit sink, state, snapshot):
// bit flips, byte overwrites, truncations, splices from other captures and length fields overwritten
// with edge values, pushed in chunks of any size. Only CaptureFileError may come out, in bounded time
// per input byte, and a capture cut inside a record is never reported clean.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/errors.js';
import { auditBytes } from './audit-bytes.js';
import { captureLayout } from './capture-layout.js';

/** Fixed so that CI runs the same inputs; fast-check prints seed and path of any failure to replay it. */
const SEED = Number(process.env.DNSLEAK_FUZZ_SEED ?? 0x0d15ea5e);
const FIXTURE_DIRS = ['fixtures/generated', 'fixtures/lab'];
const FIXTURES = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(new URL(`../../${dir}/`, import.meta.url))
    .filter((file) => /\.pcap(ng)?$/.test(file))
    .map((file) => ({ name: `${dir}/${file}`, bytes: readFileSync(new URL(`../../${dir}/${file}`, import.meta.url)) })),
);
const EDGE_VALUES = [0, 1, 3, 4, 11, 12, 15, 16, 20, 28, 31, 32, 0x7f, 0x80, 0xff, 0x100, 0xfff0, 0xffff, 0x10000, 0x40000, 0x40001, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff];
/** Generous: the pipeline runs at a few tens of ns per byte; a super-linear path would blow through. */
const FIXED_MS = 50;
const MS_PER_BYTE = 0.002;

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; from: number; start: number; length: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'length-field'; field: number; value: number; delta: number };

const position = fc.nat({ max: 0xffff });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: position, value: fc.constantFrom(0, 0xff, 0x0a, 0x0d, 0xc0, 0x45, 0x60) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('splice' as const), at: position, from: fc.nat({ max: FIXTURES.length - 1 }), start: position, length: fc.integer({ min: 1, max: 2048 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ kind: fc.constant('length-field' as const), field: fc.nat({ max: 0xffff }), value: fc.constantFrom(...EDGE_VALUES), delta: fc.integer({ min: -5, max: 5 }) }),
);

function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  const { lengthFields } = captureLayout(original);
  let bytes = Buffer.from(original);
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = 'at' in m ? m.at % bytes.length : 0;
    if (m.kind === 'flip') bytes[at] ^= 1 << m.bit;
    else if (m.kind === 'byte') bytes[at] = m.value;
    else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
    else if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.kind === 'splice') {
      const donor = FIXTURES[m.from].bytes;
      const start = m.start % donor.length;
      bytes = Buffer.concat([bytes.subarray(0, at), donor.subarray(start, start + m.length), bytes.subarray(at)]);
    } else {
      // Aimed at a real length field of the original layout (record captured length, block lengths).
      const field = lengthFields[m.field % lengthFields.length];
      if (field.offset + field.width > bytes.length) continue;
      const value = (m.value + m.delta) >>> 0;
      if (field.width === 4) field.littleEndian ? bytes.writeUInt32LE(value, field.offset) : bytes.writeUInt32BE(value, field.offset);
      else field.littleEndian ? bytes.writeUInt16LE(value & 0xffff, field.offset) : bytes.writeUInt16BE(value & 0xffff, field.offset);
    }
  }
  return bytes;
}

/** Audits bytes; returns the report, or the CaptureFileError when the file is refused. Anything else throws. */
function audit(bytes: Buffer, chunkSize: number) {
  try {
    return auditBytes(bytes, chunkSize);
  } catch (error) {
    if (error instanceof CaptureFileError) return error;
    throw error;
  }
}

function timed<T>(run: () => T): { outcome: T; elapsed: number } {
  const started = performance.now();
  const outcome = run();
  return { outcome, elapsed: performance.now() - started };
}

describe('mutated fixture captures', () => {
  it(`found ${FIXTURES.length} fixture captures to mutate`, () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(12);
  });

  it('end in a report or a CaptureFileError, in bounded time per byte', () => {
    let totalMs = 0;
    let totalBytes = 0;
    const outcomes = { reports: 0, refusals: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 8192 })),
        (fixture, mutations, chunk) => {
          const bytes = mutate(FIXTURES[fixture].bytes, mutations);
          const chunkSize = chunk === 0 ? Math.max(bytes.length, 1) : chunk;
          const bound = FIXED_MS + MS_PER_BYTE * bytes.length;
          let { outcome, elapsed } = timed(() => audit(bytes, chunkSize));
          // Other processes share the machine: a slow path repeats, a scheduling pause does not.
          if (elapsed >= bound) elapsed = Math.min(elapsed, timed(() => audit(bytes, chunkSize)).elapsed);
          totalMs += elapsed;
          totalBytes += bytes.length;
          expect(elapsed).toBeLessThan(bound);
          outcomes[outcome instanceof CaptureFileError ? 'refusals' : 'reports']++;
          if (outcome instanceof CaptureFileError) {
            expect(outcome.message).not.toMatch(/[\r\n]/);
            expect(outcome.offset).toBeGreaterThanOrEqual(0);
            expect(outcome.offset).toBeLessThanOrEqual(bytes.length);
          } else {
            expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
            expect(outcome.totals.packets).toBeLessThanOrEqual(Math.floor(bytes.length / 16));
          }
        },
      ),
      { seed: SEED, numRuns: 10_000 },
    );
    // Across all inputs the pipeline stays within a microsecond per byte (it runs at tens of ns).
    expect(totalMs / totalBytes).toBeLessThan(0.001);
    // The mutations reach both ends: files still read to a report, and files refused.
    expect(outcomes.reports).toBeGreaterThan(2000);
    expect(outcomes.refusals).toBeGreaterThan(2000);
  });

  it('cut at any offset: refused when empty, truncated and never clean when cut inside a record', () => {
    for (const { name, bytes } of FIXTURES) {
      const boundaries = new Set(captureLayout(bytes).boundaries);
      // Every offset of the small captures; of the larger ones, every boundary's neighbourhood and a stride.
      const offsets = new Set<number>();
      for (let cut = 0; cut < bytes.length; cut += bytes.length <= 6000 ? 1 : 13) offsets.add(cut);
      for (const boundary of boundaries) for (const d of [-17, -16, -4, -1, 0, 1, 4, 16]) offsets.add(Math.min(Math.max(boundary + d, 0), bytes.length));
      for (const cut of offsets) {
        const outcome = audit(bytes.subarray(0, cut), 4096);
        const where = `${name} cut at ${cut}`;
        if (cut === 0) {
          expect(outcome, where).toEqual(new CaptureFileError('empty file', 0));
          continue;
        }
        expect(outcome, where).not.toBeInstanceOf(CaptureFileError);
        if (outcome instanceof CaptureFileError) continue;
        expect(outcome.totals.truncated, where).toBe(!boundaries.has(cut));
        if (!boundaries.has(cut)) expect(outcome.verdict, where).not.toBe('clean');
      }
    }
  });
});
