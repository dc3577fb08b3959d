// The --help text.
export const USAGE = `dnsleak: proves whether this host's DNS stays encrypted

Usage:
  dnsleak audit [options] FILE...   audit pcap / pcapng captures (gzip ok; - reads standard input)
  dnsleak watch [options]           live dashboard over every interface (needs root or CAP_NET_RAW)

Audit options:
  --json                 print the report as one JSON object (schema dnsleak/report/v1)
  --allow VALUE          sanctioned plaintext: a server IP, iface:NAME, or link-local (repeatable)
  --require-encrypted    fail (exit 1) when no DoT / DoQ was seen at all
  --debug                print the stack of an internal error

Exit codes: 0 clean, 1 leak found, 2 usage or input error, 3 inconclusive (cut-short file, no packets,
kernel drops).
`;
