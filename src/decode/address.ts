// IP addresses read in place from a packet: the loopback test classification needs on every packet,
// and the text form (dotted quad, RFC 5952) for reports and policy matching.

/** 127.0.0.0/8, ::1, or IPv4-mapped ::ffff:127.0.0.0/104. */
export function isLoopbackAddress(data: Buffer, offset: number, version: 4 | 6): boolean {
  if (version === 4) return data[offset] === 127;
  for (let i = 0; i < 10; i++) if (data[offset + i] !== 0) return false;
  const b10 = data[offset + 10];
  const b11 = data[offset + 11];
  if (b10 === 0xff && b11 === 0xff) return data[offset + 12] === 127;
  if (b10 !== 0 || b11 !== 0) return false;
  return data[offset + 12] === 0 && data[offset + 13] === 0 && data[offset + 14] === 0 && data[offset + 15] === 1;
}

/**
 * Dotted quad for IPv4. IPv6 per RFC 5952: lowercase hex without leading zeros, the longest run of two
 * or more zero groups (the first of equal runs) as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d.
 */
export function formatAddress(data: Buffer, offset: number, version: 4 | 6): string {
  if (version === 4) return dottedQuad(data, offset);
  let mapped = data[offset + 10] === 0xff && data[offset + 11] === 0xff;
  for (let i = 0; i < 10 && mapped; i++) if (data[offset + i] !== 0) mapped = false;
  if (mapped) return '::ffff:' + dottedQuad(data, offset + 12);
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let group = 0; group < 8; group++) {
    const zero = data[offset + group * 2] === 0 && data[offset + group * 2 + 1] === 0;
    if (zero && runStart < 0) runStart = group;
    if (zero && group - runStart + 1 > bestLength) {
      bestStart = runStart;
      bestLength = group - runStart + 1;
    }
    if (!zero) runStart = -1;
  }
  let text = '';
  for (let group = 0; group < 8; group++) {
    if (group === bestStart) {
      text += '::';
      group += bestLength - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    text += ((data[offset + group * 2] << 8) | data[offset + group * 2 + 1]).toString(16);
  }
  return text;
}

function dottedQuad(data: Buffer, offset: number): string {
  return `${data[offset]}.${data[offset + 1]}.${data[offset + 2]}.${data[offset + 3]}`;
}
