// The offline benchmark: dnsleak audit against tcpdump's filter pass (the floor: reading plus a BPF
// filter in C), tcpdump printing DNS and tshark with a DNS display filter, alternating runs, median of N.
import { existsSync, mkdirSync } from 'node:fs';
import { writeMixedCapture, type TrafficMix } from '../../fixtures/generate.js';
import { dnsleakCommand, hasCommand, measure, median, nodeCommand, warmPageCache, type Measurement } from './measure.js';

export interface ToolResult {
  tool: string;
  /** False for a reference that reads no capture (`node -e 0`): a packet rate would mean nothing. */
  readsCapture: boolean;
  /** For dnsleak's own rows, the Node it ran on: the targets are judged for each. */
  dnsleakOn?: string;
  missing: boolean;
  wallSeconds: number;
  peakRssKiB: number;
}

export interface OfflineResult {
  mix: TrafficMix;
  packets: number;
  file: string;
  tools: ToolResult[];
}

interface Tool {
  name: string;
  needs: string;
  /** The floor: every ratio is to it. */
  floor?: true;
  readsCapture?: false;
  dnsleakOn?: string;
  script(file: string): string;
}

/** Node 24, as scripts/fetch-node.sh leaves it: the runtime README recommends for audits. */
const NODE_24 = '.cache/node/24/bin/node';
const HERE = `Node ${process.versions.node}`;

const NODE = nodeCommand(process.execPath);
const NODE_24_RUN = nodeCommand(NODE_24);

const TOOLS: Tool[] = [
  { name: 'tcpdump filter pass (floor)', needs: 'tcpdump', floor: true, script: (f) => `tcpdump -r ${f} -w /dev/null 'port 53 or port 853' 2>/dev/null` },
  { name: `dnsleak audit --json, ${HERE}`, needs: 'node', dnsleakOn: HERE, script: (f) => `${dnsleakCommand(process.execPath)} audit --json ${f} > /dev/null; test $? -le 1` },
  { name: 'dnsleak audit --json, Node 24', needs: NODE_24, dnsleakOn: 'Node 24', script: (f) => `${dnsleakCommand(NODE_24)} audit --json ${f} > /dev/null; test $? -le 1` },
  { name: 'tcpdump printing DNS', needs: 'tcpdump', script: (f) => `tcpdump -nr ${f} port 53 > /dev/null 2>&1` },
  { name: 'tshark -Y dns', needs: 'tshark', script: (f) => `tshark -r ${f} -Y dns -T fields -e dns.qry.name > /dev/null 2>&1` },
  // References, not competitors: what any Node program pays before its first decoded packet.
  { name: `reference: ${HERE} start-up (node -e 0)`, needs: 'node', readsCapture: false, script: () => `${NODE} -e 0` },
  ...withExtraCaCerts(),
  { name: 'reference: Node 24 start-up', needs: NODE_24, readsCapture: false, script: () => `${NODE_24_RUN} -e 0` },
  { name: `reference: ${HERE} reading the file`, needs: 'node', script: (f) => `${NODE} dist/scripts/bench/file-read.js ${f} > /dev/null` },
  { name: `reference: plain ${HERE} record walk`, needs: 'node', script: (f) => `${NODE} dist/scripts/bench/record-walk.js ${f} > /dev/null` },
  // How fast any JavaScript audit could be: the audit's unavoidable work in one loop over typed arrays.
  { name: `reference: lean audit, ${HERE}`, needs: 'node', script: (f) => `${NODE} dist/scripts/bench/lean-audit.js ${f} > /dev/null` },
  { name: 'reference: lean audit, Node 24', needs: NODE_24, script: (f) => `${NODE_24_RUN} dist/scripts/bench/lean-audit.js ${f} > /dev/null` },
];

/** Where NODE_EXTRA_CA_CERTS is set, what it costs a Node that keeps it: the start-up dnsleak's #! line avoids. */
function withExtraCaCerts(): Tool[] {
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) return [];
  const name = `reference: ${HERE} start-up with NODE_EXTRA_CA_CERTS as set here`;
  return [{ name, needs: 'node', readsCapture: false, script: () => `${process.execPath} -e 0` }];
}

/** A deterministic mixed capture of this many packets, made once and kept in the cache folder. */
export function benchCapture(cache: string, mix: TrafficMix, packets: number): string {
  mkdirSync(cache, { recursive: true });
  const file = `${cache}/${mix}-${packets}.pcap`;
  if (!existsSync(file)) writeMixedCapture(file, { packetCount: packets, mix });
  return file;
}

/** targetsOnly: only the floor and dnsleak, the rows the targets are judged on. */
export function runOffline(cache: string, mix: TrafficMix, packets: number, runs: number, targetsOnly = false): OfflineResult {
  const file = benchCapture(cache, mix, packets);
  const tools = TOOLS.filter((tool) => !targetsOnly || tool.floor === true || tool.dnsleakOn !== undefined);
  const samples = new Map<string, Measurement[]>(tools.map((tool) => [tool.name, []]));
  // Alternating runs: a machine that slows down mid-benchmark slows every tool alike.
  for (let run = 0; run < runs; run++) {
    for (const tool of tools) {
      if (!hasCommand(tool.needs)) continue;
      warmPageCache(file);
      const result = measure(tool.script(file), cache);
      if (result.status !== 0) throw new Error(`${tool.name} failed on ${file} (exit ${result.status})`);
      samples.get(tool.name)!.push(result);
    }
  }
  return {
    mix,
    packets,
    file,
    tools: tools.map((tool) => {
      const runsOf = samples.get(tool.name)!;
      const readsCapture = tool.readsCapture ?? true;
      const { dnsleakOn } = tool;
      if (runsOf.length === 0) return { tool: tool.name, readsCapture, dnsleakOn, missing: true, wallSeconds: NaN, peakRssKiB: NaN };
      return { tool: tool.name, readsCapture, dnsleakOn, missing: false, wallSeconds: median(runsOf.map((m) => m.wallSeconds)), peakRssKiB: Math.max(...runsOf.map((m) => m.peakRssKiB)) };
    }),
  };
}
