// What `?` shows in place of the tables: the keys and what each column counts.
import { Box, Text } from 'ink';
import { tint } from './palette.js';

const KEYS: [string, string][] = [
  ['q', 'quit'],
  ['p', 'pause the display (the capture keeps counting); p again resumes'],
  ['r', 'reset the counters'],
  ['?', 'close this help'],
];

const COLUMNS: [string, string][] = [
  ['STUB', 'queries to the local stub resolver over loopback: expected, not a leak'],
  ['LEAKED-Q/R', 'plaintext DNS queries / responses that left the host (port 53)'],
  ['LINK-LOCAL', 'mDNS and LLMNR queries: names told to the local network'],
  ['DOT', 'encrypted DNS flows (DoT, DoQ on port 853) and their payload bytes'],
  ['DROPS', 'packets the kernel dropped; ? when they cannot be read'],
  ['verdict', 'CLEAN nothing leaked; LEAKING plaintext DNS left; INCONCLUSIVE evidence missing'],
];

export function HelpOverlay({ width, noColor }: { width: number; noColor: boolean }) {
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={tint('cyan', noColor)} paddingX={1}>
      <Text bold={!noColor}>Keys</Text>
      {KEYS.map(([key, meaning]) => (
        <Text key={key} wrap="truncate-end">{`  ${key.padEnd(11)}${meaning}`}</Text>
      ))}
      <Text bold={!noColor}>Columns</Text>
      {COLUMNS.map(([name, meaning]) => (
        <Text key={name} wrap="truncate-end">{`  ${name.padEnd(11)}${meaning}`}</Text>
      ))}
    </Box>
  );
}
