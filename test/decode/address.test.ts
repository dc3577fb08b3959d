import { describe, expect, it } from 'vitest';
import { formatAddress, isLoopbackAddress } from '../../src/decode/address.js';

function v6(text: string): Buffer {
  // Test input only: expand a full eight-group form.
  return Buffer.from(text.split(':').flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}

describe('formatAddress', () => {
  it('prints IPv4 as a dotted quad at any offset', () => {
    expect(formatAddress(Buffer.from([9, 192, 0, 2, 255]), 1, 4)).toBe('192.0.2.255');
  });

  it.each([
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'], // first of equal runs
    ['2001:0db8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'], // longest run wins
    ['2001:0db8:0000:0001:0001:0001:0001:0001', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['0000:0000:0000:0000:0000:0000:0000:0000', '::'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['fe80:0000:0000:0000:0000:0000:0000:0000', 'fe80::'],
    ['2001:0DB8:ABCD:0012:0000:0000:0000:00FF', '2001:db8:abcd:12::ff'],
    ['0000:0000:0000:0000:0000:ffff:c000:0201', '::ffff:192.0.2.1'],
    ['0064:ff9b:0000:0000:0000:0000:c000:0201', '64:ff9b::c000:201'],
  ])('prints %s as %s (RFC 5952)', (full, expected) => {
    expect(formatAddress(v6(full), 0, 6)).toBe(expected);
  });
});

describe('isLoopbackAddress', () => {
  it('matches 127.0.0.0/8 only', () => {
    expect(isLoopbackAddress(Buffer.from([127, 53, 0, 1]), 0, 4)).toBe(true);
    expect(isLoopbackAddress(Buffer.from([0, 128, 0, 0, 1]), 1, 4)).toBe(false);
  });

  it('matches ::1 and IPv4-mapped 127/8', () => {
    expect(isLoopbackAddress(v6('0:0:0:0:0:0:0:1'), 0, 6)).toBe(true);
    expect(isLoopbackAddress(v6('0:0:0:0:0:ffff:7f00:1'), 0, 6)).toBe(true);
    expect(isLoopbackAddress(v6('0:0:0:0:0:ffff:c000:201'), 0, 6)).toBe(false);
    expect(isLoopbackAddress(v6('0:0:0:0:0:0:0:2'), 0, 6)).toBe(false);
    expect(isLoopbackAddress(v6('0:0:0:0:0:0:0:0'), 0, 6)).toBe(false);
    expect(isLoopbackAddress(v6('0:0:0:0:1:0:0:1'), 0, 6)).toBe(false);
    expect(isLoopbackAddress(v6('0:0:0:0:0:fffe:7f00:1'), 0, 6)).toBe(false);
  });
});
