// `npm run bench [-- --quick] [--offline-only | --live-only]`: the speed and memory targets, measured.
// Prints a markdown report; README's figures are pasted from it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import type { TrafficMix } from '../../fixtures/generate.js';
import { hasGnuTime } from './measure.js';
import { runHostile, type HostileResult } from './hostile.js';
import { liveUnavailable, runLive, type LiveRun } from './live.js';
import { runOffline, type OfflineResult } from './offline.js';

const CACHE = '.cache/bench';
const quick = process.argv.includes('--quick');
const offlineOnly = process.argv.includes('--offline-only');
const liveOnly = process.argv.includes('--live-only');
const runs = quick ? 3 : 5;

async function main(): Promise<void> {
  if (!hasGnuTime()) throw new Error('GNU time (/usr/bin/time, Debian package time) is needed to measure peak RSS');
  mkdirSync(CACHE, { recursive: true });
  if (!liveOnly) {
    // dnsleak on Node 24 as well: its rows say "missing" when the pinned build cannot be fetched.
    spawnSync('scripts/fetch-node.sh', { stdio: ['ignore', 'ignore', 'inherit'] });
    runOfflineBenchmarks();
    printHostile(runHostile(CACHE, runs));
  }
  if (offlineOnly) return;
  const unavailable = liveUnavailable();
  if (unavailable !== null) console.log(`\nLive benchmark skipped: ${unavailable}`);
  else printLive(await runLive(CACHE, quick ? 1 : 3));
}

// Every mix is measured against the same targets: host (one packet in ten is DNS, DoT or mDNS, the
// rest bulk HTTPS), dns-heavy (24 packets in 30), the stress of the DNS path, and interleaved (20,000
// DNS-over-TCP and DoT flows open at once), the stress of the per-flow tables.
const MIXES: TrafficMix[] = ['host', 'dns-heavy', 'interleaved'];

function runOfflineBenchmarks(): void {
  for (const mix of MIXES) {
    const small = runOffline(CACHE, mix, 500_000, runs);
    // --quick times only the floor and dnsleak on 2M packets, once: tshark takes about half a minute there.
    const large = runOffline(CACHE, mix, 2_000_000, quick ? 1 : runs, quick);
    printOffline(small);
    printOffline(large);
    printTargets(small, large);
  }
}

function printOffline(result: OfflineResult): void {
  const floor = result.tools[0].wallSeconds;
  console.log(`\n### Offline, ${result.mix} mix, ${result.packets.toLocaleString('en')} packets (${result.file}, ${fileMiB(result.file)} MiB), median of runs\n`);
  console.log('| tool | wall s | x floor | packets/s | peak RSS MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const tool of result.tools) {
    if (tool.missing) console.log(`| ${tool.tool} | missing | | | |`);
    else {
      const rate = tool.readsCapture ? Math.round(result.packets / tool.wallSeconds).toLocaleString('en') : '';
      console.log(`| ${tool.tool} | ${tool.wallSeconds.toFixed(2)} | ${(tool.wallSeconds / floor).toFixed(2)} | ${rate} | ${(tool.peakRssKiB / 1024).toFixed(0)} |`);
    }
  }
}

/** The targets, for dnsleak on each Node the benchmark found. */
function printTargets(small: OfflineResult, large: OfflineResult): void {
  console.log(`\n### Targets, ${small.mix} mix\n`);
  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  for (const dnsleak of small.tools.filter((tool) => tool.dnsleakOn !== undefined)) {
    const runtime = dnsleak.dnsleakOn;
    const inLarge = large.tools.find((tool) => tool.tool === dnsleak.tool)!;
    if (dnsleak.missing || inLarge.missing) {
      console.log(`- ${runtime}: missing`);
      continue;
    }
    const ratio = dnsleak.wallSeconds / small.tools[0].wallSeconds;
    const ratioLarge = inLarge.wallSeconds / large.tools[0].wallSeconds;
    const rssSmall = dnsleak.peakRssKiB / 1024;
    const rssLarge = inLarge.peakRssKiB / 1024;
    const drift = Math.abs(rssLarge - rssSmall) / rssSmall;
    console.log(`- ${runtime}: audit wall time <= 2.0x the tcpdump filter pass (500k): ${ratio.toFixed(2)}x ${met(ratio <= 2)} (2M: ${ratioLarge.toFixed(2)}x)`);
    console.log(`- ${runtime}: peak RSS <= 100 MiB on 2M packets: ${rssLarge.toFixed(0)} MiB ${met(rssLarge <= 100)}`);
    console.log(`- ${runtime}: peak RSS on 2M within 10 % of 500k (${rssSmall.toFixed(0)} MiB): ${(drift * 100).toFixed(1)} % ${met(drift <= 0.1)}`);
  }
}

function printHostile(results: HostileResult[]): void {
  console.log('\n### Hostile captures: a flow table full of half-sent messages, median of runs\n');
  console.log('| capture | MiB | wall s | peak RSS MiB |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const result of results) {
    console.log(`| ${result.capture} | ${fileMiB(result.file)} | ${result.wallSeconds.toFixed(2)} | ${(result.peakRssKiB / 1024).toFixed(0)} |`);
  }
}

function fileMiB(file: string): number {
  return Math.round(statSync(file).size / 2 ** 20);
}

function printLive(results: LiveRun[]): void {
  console.log('\n### Live, 200,000 queries from one sender over a veth\n');
  console.log('| sender rate | mode | sent | captured | kernel drops | CPU s | peak RSS MiB |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const run of results) {
    const rate = run.rate === 0 ? 'as fast as it can' : `${run.rate.toLocaleString('en')}/s`;
    console.log(`| ${rate} | ${run.mode} | ${run.sent} | ${run.captured} | ${run.dropped ?? 'unknown'} | ${run.cpuSeconds.toFixed(2)} | ${(run.peakRssKiB / 1024).toFixed(0)} |`);
  }
  // The target is the burst at full speed with the dashboard on; an unreadable drop counter is not 0.
  const burst = results.filter((run) => run.rate === 0 && run.mode === 'dashboard');
  const clean = burst.filter((run) => run.dropped === 0 && run.captured === run.sent).length;
  console.log('\n### Target, live\n');
  console.log(`- 0 kernel drops for the 200,000-query burst with the dashboard on: ${clean} of ${burst.length} runs ${clean === burst.length ? 'MET' : 'NOT MET'}`);
}

await main();
