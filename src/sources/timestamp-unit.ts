// pcapng timestamps: a 64-bit count of if_tsresol units, split into the frame's seconds and
// nanoseconds exactly. The common resolutions take double arithmetic that is provably exact (every
// intermediate stays below 2^53); BigInt is the fallback for exotic resolutions only.
import type { Frame } from '../frame.js';

const TWO_32 = 4294967296;
// Below 2^52 (high word below 2^20) a timestamp is exact as one double, and so is seconds * perSecond
// for a quotient off by one.
const EXACT_HIGH_LIMIT = 0x100000;
const FIVE_POW_9 = 1953125;

export interface TimestampUnit {
  /** 2^-exponent seconds (if_tsresol high bit set) rather than 10^-exponent. */
  binary: boolean;
  exponent: number;
  /** Units per second (10^exponent or 2^exponent) where the fast paths use it. */
  perSecond: number;
  /** Nanoseconds per unit (decimal exponents up to 9), or per 10^(exponent - 9) units above. */
  nanoScale: number;
}

/** The unit an if_tsresol byte names (RFC pcapng: high bit set means a negative power of 2). */
export function timestampUnit(tsresol: number): TimestampUnit {
  const binary = tsresol >= 0x80;
  const exponent = tsresol & 0x7f;
  return {
    binary,
    exponent,
    perSecond: binary ? 2 ** exponent : 10 ** exponent,
    nanoScale: 10 ** Math.abs(9 - exponent),
  };
}

/** The default resolution when an interface has no if_tsresol: microseconds. */
export const MICROSECONDS: TimestampUnit = timestampUnit(6);

/** Sets frame.tsSec and frame.tsNsec from the timestamp high and low words counted in unit. */
export function setTimestamp(frame: Frame, high: number, low: number, unit: TimestampUnit): void {
  if (unit.binary) {
    if (unit.exponent <= 32) setBinary(frame, high, low, unit);
    else setBig(frame, high, low, unit);
  } else if (unit.exponent <= 11) {
    setDecimal(frame, high, low, unit);
  } else {
    setBig(frame, high, low, unit);
  }
}

function setBinary(frame: Frame, high: number, low: number, unit: TimestampUnit): void {
  const e = unit.exponent;
  // A mask, not %: floating-point remainder is several times slower on this per-packet path.
  const fraction = e === 32 ? low : low & (unit.perSecond - 1);
  frame.tsSec = high * 2 ** (32 - e) + (low - fraction) / unit.perSecond;
  // fraction * 10^9 / 2^e = fraction * 5^9 / 2^(e-9); fraction < 2^e <= 2^32 keeps the product below 2^53.
  frame.tsNsec = e <= 9 ? (fraction * 1e9) / unit.perSecond : Math.floor((fraction * FIVE_POW_9) / 2 ** (e - 9));
}

function setDecimal(frame: Frame, high: number, low: number, unit: TimestampUnit): void {
  const perSecond = unit.perSecond;
  let remainder: number;
  if (high < EXACT_HIGH_LIMIT) {
    const ts = high * TWO_32 + low;
    // Division then correction rather than %, which is a slow floating-point remainder.
    let seconds = Math.floor(ts / perSecond);
    remainder = ts - seconds * perSecond;
    if (remainder < 0) {
      seconds--;
      remainder += perSecond;
    } else if (remainder >= perSecond) {
      seconds++;
      remainder -= perSecond;
    }
    frame.tsSec = seconds;
  } else {
    // Long division by 16-bit digits: each partial dividend stays below perSecond * 2^16 < 2^53.
    let q = 0;
    remainder = 0;
    for (let shift = 48; shift >= 0; shift -= 16) {
      const digit = shift >= 32 ? (high >>> (shift - 32)) & 0xffff : (low >>> shift) & 0xffff;
      const partial = remainder * 65536 + digit;
      let digitQuotient = Math.floor(partial / perSecond);
      if (digitQuotient * perSecond > partial) digitQuotient--;
      remainder = partial - digitQuotient * perSecond;
      q = q * 65536 + digitQuotient;
    }
    frame.tsSec = q;
  }
  frame.tsNsec = unit.exponent <= 9 ? remainder * unit.nanoScale : Math.floor(remainder / unit.nanoScale);
}

function setBig(frame: Frame, high: number, low: number, unit: TimestampUnit): void {
  const ts = (BigInt(high) << 32n) | BigInt(low);
  const perSecond = unit.binary ? 1n << BigInt(unit.exponent) : 10n ** BigInt(unit.exponent);
  frame.tsSec = Number(ts / perSecond);
  frame.tsNsec = Number(((ts % perSecond) * 1_000_000_000n) / perSecond);
}
