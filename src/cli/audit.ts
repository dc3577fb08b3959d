// `dnsleak audit FILE…`: the offline audit and compliance gate. Files are read one after another into
// one audit state; their interfaces merge by name.
import { createAuditSink } from '../audit/audit-sink.js';
import { createAuditState } from '../audit/audit-state.js';
import { snapshot } from '../audit/snapshot.js';
import { parseAllow } from '../classify/policy.js';
import { CaptureFileError, UsageError } from '../errors.js';
import { jsonReport } from '../report/json-report.js';
import { textReport } from '../report/text-report.js';
import { terminalSafe } from '../report/terminal-safe.js';
import { readCaptureFile } from '../sources/capture-file.js';
import { tuneHeapForAudit } from './heap-tuning.js';
import { parseOptions } from './parse-options.js';
import { writeOut } from './write-out.js';

/** The command's whole run, in a process of its own (it tunes the process's heap). */
export async function runAudit(args: string[]): Promise<number> {
  tuneHeapForAudit();
  const { values, positionals } = parseOptions('audit', args, {
    json: { type: 'boolean' },
    allow: { type: 'string', multiple: true },
    'require-encrypted': { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('audit: name at least one capture file (pcap, pcapng, gzip), or - for standard input');
  if (positionals.filter((file) => file === '-').length > 1) throw new UsageError('audit: standard input (-) can be read only once');
  const state = createAuditState(parseAllow(values.allow ?? []));
  for (const file of positionals) {
    const { truncated } = await readNamedFile(file, createAuditSink(state));
    if (truncated) state.markTruncated();
  }
  const report = snapshot(state, { sources: positionals, live: false, requireEncrypted: values['require-encrypted'] ?? false });
  // Set before writing: a reader that closes the pipe early must not turn the verdict into exit 0.
  process.exitCode = report.exitCode;
  await writeOut(values.json ? jsonReport(report) : textReport(report));
  return report.exitCode;
}

async function readNamedFile(file: string, sink: Parameters<typeof readCaptureFile>[1]) {
  try {
    return await readCaptureFile(file, sink);
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    const name = file === '-' ? 'standard input' : terminalSafe(file);
    throw new CaptureFileError(`${name}: ${error.message}`, error.offset);
  }
}
