// Untrusted name bytes as text that cannot carry a control character: the presentation-form escapes
// of RFC 4343 (\DDD decimal for any byte outside printable ASCII, backslash before '.' and '\').

const BACKSLASH = 0x5c;
export const DOT = 0x2e;

/**
 * One DNS label in presentation form: bytes 0x21..0x7e kept, '.' as "\.", '\' as "\\", every other
 * byte (space included) as "\DDD".
 */
export function escapeLabel(buf: Buffer, start: number, end: number): string {
  return escapeBytes(buf, start, end, true);
}

/**
 * A host name whose dots are separators (TLS server_name, names dns-packet already joined): as a
 * label, except that '.' stays as it is.
 */
export function escapeHostName(buf: Buffer, start: number, end: number): string {
  return escapeBytes(buf, start, end, false);
}

function escapeBytes(buf: Buffer, start: number, end: number, escapeDot: boolean): string {
  // Almost every name is plain: one scan, then one latin1 slice with no per-byte string building.
  let plain = true;
  for (let i = start; i < end && plain; i++) plain = !needsEscape(buf[i], escapeDot);
  if (plain) return buf.toString('latin1', start, end);
  let text = '';
  for (let i = start; i < end; i++) {
    const byte = buf[i];
    if (!needsEscape(byte, escapeDot)) text += String.fromCharCode(byte);
    else if (byte === BACKSLASH || byte === DOT) text += '\\' + String.fromCharCode(byte);
    else text += '\\' + (byte < 10 ? '00' : byte < 100 ? '0' : '') + byte;
  }
  return text;
}

/** Whether a label byte stands for itself in presentation form. */
export function isPlainLabelByte(byte: number): boolean {
  return !needsEscape(byte, true);
}

function needsEscape(byte: number, escapeDot: boolean): boolean {
  return byte < 0x21 || byte > 0x7e || byte === BACKSLASH || (escapeDot && byte === DOT);
}
