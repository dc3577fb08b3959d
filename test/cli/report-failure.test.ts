import { describe, expect, it } from 'vitest';
import { reportFailure } from '../../src/cli/report-failure.js';
import { CaptureFileError, UsageError } from '../../src/errors.js';

function run(error: unknown, debug = false): { code: number; text: string } {
  let text = '';
  const code = reportFailure(error, debug, { write: (chunk: string) => (text += chunk) });
  return { code, text };
}

describe('reportFailure: the top-level handler of the gate contract', () => {
  it('prints a user error as the one line it is, exit 2', () => {
    expect(run(new UsageError('audit: name at least one capture file'))).toEqual({ code: 2, text: 'dnsleak: audit: name at least one capture file\n' });
    expect(run(new CaptureFileError('x.pcap: record at offset 24: captured length 9 exceeds snaplen 8', 24)).text).toBe(
      'dnsleak: x.pcap: record at offset 24: captured length 9 exceeds snaplen 8\n',
    );
  });
  it('turns a bug into one line and exit 2, never a stack trace unless asked', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    expect(run(bug)).toEqual({ code: 2, text: "dnsleak: internal error: Cannot read properties of undefined (reading 'x') second line (run with --debug for details)\n" });
    const debugged = run(bug, true);
    expect(debugged.code).toBe(2);
    expect(debugged.text.split('\n')[0]).toBe("dnsleak: internal error: Cannot read properties of undefined (reading 'x') second line");
    expect(debugged.text).toContain('at ');
  });
  it('copes with things thrown that are not errors', () => {
    expect(run('a string')).toEqual({ code: 2, text: 'dnsleak: internal error: a string (run with --debug for details)\n' });
  });
});
