// A reference capture beside dnsleak's own: dumpcap in the host namespace, on the given interfaces with
// the same filter as dnsleak's live capture, written as pcapng for `dnsleak audit`.
import { join } from 'node:path';
import { DNS_PORTS_FILTER } from './addresses.js';
import { startDaemon, type Daemon } from './daemon.js';
import { waitUntil } from './exec.js';
import type { Lab } from './lab.js';

export interface Dumpcap {
  file: string;
  /** Ends the capture (SIGINT flushes and closes the file) and waits for it. */
  stop(): Promise<void>;
}

export async function startDumpcap(lab: Lab, interfaces: string[], file: string): Promise<Dumpcap> {
  const args = ['netns', 'exec', lab.names.hostNs, 'dumpcap', '-q'];
  for (const name of interfaces) args.push('-i', name, '-f', DNS_PORTS_FILTER);
  args.push('-w', file);
  const daemon: Daemon = startDaemon('dumpcap', 'ip', args, join(lab.work, 'dumpcap.log'));
  await waitUntil('dumpcap to start capturing', 10_000, () => {
    if (daemon.exited() !== null) throw new Error(`dumpcap exited ${daemon.exited()}: ${daemon.output()}`);
    return daemon.output().includes('Capturing on');
  });
  return { file, stop: () => daemon.stop('SIGINT') };
}
