// Options of `dnsleak watch`.
import { parseAllow, type Policy } from '../classify/policy.js';
import { parseOptions } from './parse-options.js';
import { parseDuration, parseSize } from './parse-quantity.js';
import { UsageError } from '../errors.js';

export interface WatchOptions {
  interfaces: string[];
  promiscuous: boolean;
  bufferSize: number | undefined;
  durationMs: number | null;
  writePath: string | null;
  /** Drop root to this user once the capture handles are open. */
  user: string | null;
  /** Also write the final JSON report here (for gates that keep the dashboard on). */
  reportPath: string | null;
  json: boolean;
  tui: boolean;
  policy: Policy;
  requireEncrypted: boolean;
}

export function parseWatchOptions(args: string[], stdoutIsTerminal: boolean): WatchOptions {
  const { values, positionals } = parseOptions('watch', args, {
    interface: { type: 'string', short: 'i', multiple: true },
    promisc: { type: 'boolean' },
    buffer: { type: 'string' },
    for: { type: 'string' },
    write: { type: 'string' },
    report: { type: 'string' },
    user: { type: 'string', short: 'Z' },
    json: { type: 'boolean' },
    'no-tui': { type: 'boolean' },
    allow: { type: 'string', multiple: true },
    'require-encrypted': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`watch: unexpected argument ${JSON.stringify(positionals[0])}`);
  const json = values.json ?? false;
  return {
    interfaces: values.interface ?? [],
    promiscuous: values.promisc ?? false,
    bufferSize: values.buffer === undefined ? undefined : parseSize('--buffer', values.buffer),
    durationMs: values.for === undefined ? null : parseDuration('--for', values.for),
    writePath: values.write ?? null,
    reportPath: values.report ?? null,
    user: values.user ?? null,
    json,
    // The dashboard needs a terminal; --json asks for lines a script reads.
    tui: stdoutIsTerminal && !json && !(values['no-tui'] ?? false),
    policy: parseAllow(values.allow ?? []),
    requireEncrypted: values['require-encrypted'] ?? false,
  };
}
