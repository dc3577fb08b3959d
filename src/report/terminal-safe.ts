// Text from packets and capture files (query names, SNIs, interface names) is untrusted: an OSC or CSI
// sequence in a query name must never reach the terminal raw. Every string a text sink prints from a
// capture passes through here, once.

/** C0 controls, DEL, and C1 controls (which some terminals honour as 8-bit CSI/OSC introducers). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Shows an interface name; unnamed interfaces (classic pcap) have none. */
export function interfaceLabel(name: string | null): string {
  return name === null ? '(unnamed)' : terminalSafe(name);
}
