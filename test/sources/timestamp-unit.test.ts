import { describe, expect, it } from 'vitest';
import { newFrame } from '../../src/frame.js';
import { setTimestamp, timestampUnit } from '../../src/sources/timestamp-unit.js';

/** The exact split, by BigInt arithmetic. */
function reference(ts: bigint, tsresol: number): [number, number] {
  const exponent = BigInt(tsresol & 0x7f);
  const perSecond = tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
  return [Number(ts / perSecond), Number(((ts % perSecond) * 1_000_000_000n) / perSecond)];
}

function split(ts: bigint, tsresol: number): [number, number] {
  const frame = newFrame();
  setTimestamp(frame, Number(ts >> 32n), Number(ts & 0xffffffffn), timestampUnit(tsresol));
  return [frame.tsSec, frame.tsNsec];
}

describe('pcapng timestamp units', () => {
  it('splits nanosecond timestamps above 2^53 exactly', () => {
    expect(split(1700000000_999999999n, 9)).toEqual([1700000000, 999999999]);
    expect(split(18446744073_709551615n, 9)).toEqual([18446744073, 709551615]);
  });

  it('splits microsecond and millisecond timestamps', () => {
    expect(split(1700000000_000001n, 6)).toEqual([1700000000, 1000]);
    expect(split(1700000000_999n, 3)).toEqual([1700000000, 999000000]);
    expect(split(1700000000n, 0)).toEqual([1700000000, 0]);
  });

  it('truncates below a nanosecond (10^-10, 10^-12 and 2^-32 units)', () => {
    expect(split(17000000009999999999n, 10)).toEqual([1700000000, 999999999]);
    expect(split(1700000000_123456789999n, 12)).toEqual([1700000000, 123456789]);
    expect(split((1700000000n << 32n) + 0xffffffffn, 0x80 | 32)).toEqual([1700000000, 999999999]);
  });

  it('matches exact arithmetic for every resolution across the 64-bit range', () => {
    const values = [
      0n,
      1n,
      999999999999n,
      (1n << 52n) - 1n,
      1n << 52n,
      (1n << 53n) + 1n,
      1700000000_123456789n,
      0x0123456789abcdefn,
      (1n << 64n) - 1n,
    ];
    const decimal = [0, 1, 3, 6, 9, 10, 11, 12, 15, 19, 20, 40, 127];
    const binary = [0x80, 0x81, 0x89, 0x8a, 0x94, 0x9f, 0xa0, 0xa1, 0xc0, 0xff];
    const resolutions = [...decimal, ...binary];
    for (const tsresol of resolutions) {
      for (const ts of values) {
        const [sec, nsec] = reference(ts, tsresol);
        // Seconds beyond 2^53 (only at resolutions of a second or so) are compared as the nearest double.
        expect([tsresol, ts, ...split(ts, tsresol)]).toEqual([tsresol, ts, sec, nsec]);
      }
    }
  });

  it('matches exact arithmetic on values either side of whole seconds at common resolutions', () => {
    let seed = 99991n;
    const random64 = () => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      return seed;
    };
    for (const tsresol of [3, 6, 9, 0x94, 0x9e]) {
      const exponent = BigInt(tsresol & 0x7f);
      const perSecond = tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
      for (let i = 0; i < 3000; i++) {
        // Up to 2^62 units: beyond that the seconds of millisecond units no longer fit a double exactly.
        const whole = (random64() >> 2n) / perSecond;
        for (const ts of [whole * perSecond - 1n, whole * perSecond, whole * perSecond + 1n, random64() >> 2n]) {
          if (ts < 0n) continue;
          expect(split(ts, tsresol)).toEqual(reference(ts, tsresol));
        }
      }
    }
  });
});
