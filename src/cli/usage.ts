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

Watch options:
  -i, --interface NAME   capture on NAME only (repeatable; default: every interface that is up)
  --for DURATION         stop after 30s, 5m, 1h, ... (default: until q, Ctrl-C, SIGTERM or SIGHUP)
  --json                 NDJSON: one line per leak event, the final report object last
  --no-tui               lines instead of the dashboard (also when stdout is not a terminal)
  --write FILE.pcapng    save every captured packet, with interface names, for a later audit
  --report FILE          also write the final report as JSON to FILE
  --buffer SIZE          kernel ring per interface (default 16M)
  --promisc              promiscuous mode (default off)
  -Z, --user NAME        drop root to NAME once the capture handles are open (as tcpdump -Z);
                         interfaces that appear later are reported as not captured
  --allow, --require-encrypted   as for audit

Exit codes: 0 clean, 1 leak found, 2 usage or input error, 3 inconclusive (cut-short file, no packets,
kernel drops).
`;
