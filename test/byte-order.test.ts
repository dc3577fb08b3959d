// The readers' own field readers must agree with Buffer's for every value, order and offset: a slip in
// the hand-combined bytes (a sign bit, a swapped order) would misread every record length of a file,
// and a missed bound would turn a length into NaN, which ends the record walk without an error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readU16, readU32 } from '../src/byte-order.js';

const SEED = Number(process.env.DNSLEAK_FUZZ_SEED ?? 0x0d15ea5e);

function outcome(read: () => number): number | string {
  try {
    return read();
  } catch (error) {
    return (error as Error).name;
  }
}

describe('byte-order readers', () => {
  it('read what Buffer reads, and throw a RangeError where it does', () => {
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 12 }).map((array) => Buffer.from(array));
    fc.assert(
      fc.property(bytes, fc.integer({ min: -2, max: 14 }), (buf, off) => {
        expect(outcome(() => readU32(buf, off, true))).toBe(outcome(() => buf.readUInt32LE(off)));
        expect(outcome(() => readU32(buf, off, false))).toBe(outcome(() => buf.readUInt32BE(off)));
        expect(outcome(() => readU16(buf, off, true))).toBe(outcome(() => buf.readUInt16LE(off)));
        expect(outcome(() => readU16(buf, off, false))).toBe(outcome(() => buf.readUInt16BE(off)));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('keep the top bit unsigned', () => {
    const buf = Buffer.from([0xff, 0xfe, 0xfd, 0xfc]);
    expect(readU32(buf, 0, false)).toBe(0xfffefdfc);
    expect(readU32(buf, 0, true)).toBe(0xfcfdfeff);
  });
});
