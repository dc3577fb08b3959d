// `node dist/scripts/bench/stages.js FILE [--node PATH] [--runs N]` (after `npm run build`): where an
// audit's time goes, stage by stage, for dnsleak and for the lean-audit reference side by side. Each
// stage is left out in turn from a copy of the built program (a guard written into its code), and
// every copy is timed on FILE in alternating runs, median of N; what a stage costs is the time its
// copy saves. README's "What 2.0x on a DNS-dense file would take" table comes from this script.
// The guards are found by the exact text of the built code: when a change moves that text, the script
// says which guard it could not place instead of timing the wrong thing.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measure, median, nodeCommand, warmPageCache } from './measure.js';

interface Cut {
  stage: string;
  /** Text of the built code, found exactly once, and what replaces it. */
  dnsleak: [string, string][];
  lean: [string, string][];
}

const CUTS: Cut[] = [
  { stage: 'whole audit', dnsleak: [], lean: [] },
  {
    stage: 'cut off after the port check',
    dnsleak: [['if (service === 0) return;', 'return;']],
    lean: [
      ['if (service === 0)\n            return;', 'return;'],
      ['const dstPort = (d[at + 2] << 8) | d[at + 3];\n        if (srcPort === 53', 'const dstPort = (d[at + 2] << 8) | d[at + 3];\n        return;\n        if (srcPort === 53'],
    ],
  },
  {
    stage: 'without DoT flows',
    dnsleak: [['if (!onLoopback) encrypted.record(origin, frame, facts);', ';']],
    lean: [['if (service === 0)\n            return;', 'if (service === 0 || service === 853)\n            return;']],
  },
  {
    stage: 'without DNS over TCP',
    dnsleak: [['} else if (facts.protocol === 6) recordTcpDns(origin, frame, facts, service);', '} else if (facts.protocol === 6) {}']],
    lean: [['if (service === 0)\n            return;', 'if (service === 0 || service === 53)\n            return;']],
  },
  {
    stage: 'without DNS over UDP and mDNS',
    dnsleak: [['else recordDnsMessage(frame.data, facts.payloadOffset, facts.payloadLength, "udp");', 'else {}']],
    lean: [['const dstPort = (d[at + 2] << 8) | d[at + 3];\n        if (srcPort === 53', 'const dstPort = (d[at + 2] << 8) | d[at + 3];\n        return;\n        if (srcPort === 53']],
  },
];

const SCRATCH = '.cache/bench/stages';
/** What starting the program costs, before any packet: its audit of a capture with none. */
const EMPTY = 'fixtures/generated/empty.pcap';

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (file === undefined) throw new Error('usage: stages.js FILE [--node PATH] [--runs N]');
  const nodePath = option(args, '--node') ?? process.execPath;
  const node = nodeCommand(nodePath);
  const runs = Number(option(args, '--runs') ?? 11);
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  const programs = CUTS.map((cut, i) => ({ cut, dnsleak: dnsleakCopy(cut, i), lean: leanCopy(cut, i) }));
  const times = programs.map(() => ({ dnsleak: [] as number[], lean: [] as number[] }));
  const floor: number[] = [];
  const empty = { dnsleak: [] as number[], lean: [] as number[] };
  for (let run = 0; run < runs; run++) {
    floor.push(timed(`tcpdump -r ${file} -w /dev/null 'port 53 or port 853' 2>/dev/null`, file));
    // A capture of no packets is inconclusive evidence: exit 3.
    empty.dnsleak.push(timed(`${node} ${programs[0].dnsleak} audit --json ${EMPTY} > /dev/null; test $? -eq 3`, EMPTY));
    empty.lean.push(timed(`${node} ${programs[0].lean} ${EMPTY} > /dev/null`, EMPTY));
    programs.forEach((program, i) => {
      times[i].dnsleak.push(timed(`${node} ${program.dnsleak} audit --json ${file} > /dev/null; test $? -le 1`, file));
      times[i].lean.push(timed(`${node} ${program.lean} ${file} > /dev/null`, file));
    });
  }
  const whole = { dnsleak: median(times[0].dnsleak), lean: median(times[0].lean) };
  console.log(`${file} on ${nodePath} (${runs} alternating runs, median): wall s, and what leaving the stage out saves.`);
  console.log(`The floor (tcpdump's filter pass) took ${median(floor).toFixed(3)} s: 2.0x is ${(2 * median(floor)).toFixed(3)} s.\n`);
  console.log('| stage | dnsleak | lean audit |\n| --- | ---: | ---: |');
  console.log(`| start-up: a capture of no packets | ${median(empty.dnsleak).toFixed(3)} s | ${median(empty.lean).toFixed(3)} s |`);
  programs.forEach(({ cut }, i) => {
    const dnsleak = median(times[i].dnsleak);
    const lean = median(times[i].lean);
    if (i === 0) console.log(`| ${cut.stage} | ${dnsleak.toFixed(3)} s | ${lean.toFixed(3)} s |`);
    else console.log(`| ${cut.stage} | ${dnsleak.toFixed(3)} s (${ms(whole.dnsleak - dnsleak)}) | ${lean.toFixed(3)} s (${ms(whole.lean - lean)}) |`);
  });
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function ms(seconds: number): string {
  return `${Math.round(seconds * 1000)} ms`;
}

function timed(script: string, file: string): number {
  warmPageCache(file);
  const result = measure(script, '.cache/bench');
  if (result.status !== 0) throw new Error(`failed (exit ${result.status}): ${script}`);
  return result.wallSeconds;
}

/** A copy of the audit's built entry (dist/cli/audit-main.cjs, as bin/dnsleak runs it) with the cut written into it. */
function dnsleakCopy(cut: Cut, index: number): string {
  const copy = join(SCRATCH, `dnsleak-${index}.cjs`);
  cpSync('dist/cli/audit-main.cjs', copy);
  patch(copy, cut.dnsleak, cut.stage);
  return copy;
}

function leanCopy(cut: Cut, index: number): string {
  const copy = join(SCRATCH, `lean-${index}.js`);
  cpSync('dist/scripts/bench/lean-audit.js', copy);
  patch(copy, cut.lean, cut.stage);
  return copy;
}

function patch(path: string, edits: [string, string][], stage: string): void {
  let code = readFileSync(path, 'utf8');
  for (const [text, replacement] of edits) {
    if (code.split(text).length !== 2) throw new Error(`${stage}: the built ${path} no longer has exactly one ${JSON.stringify(text)}; update scripts/bench/stages.ts`);
    code = code.replace(text, replacement);
  }
  writeFileSync(path, code);
}

main();
