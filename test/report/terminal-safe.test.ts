import { describe, expect, it } from 'vitest';
import { interfaceLabel, terminalSafe } from '../../src/report/terminal-safe.js';
import { isoTime } from '../../src/report/time.js';

describe('terminalSafe', () => {
  it('escapes CSI and OSC sequences so they never reach the terminal raw', () => {
    expect(terminalSafe('evil\u001b[2J\u001b]0;pwned\u0007.example')).toBe('evil\\x1b[2J\\x1b]0;pwned\\x07.example');
    expect(terminalSafe('c1\u009b31m')).toBe('c1\\x9b31m');
  });
  it('escapes bidirectional overrides that would reorder what the admin reads', () => {
    expect(terminalSafe('a\u202eb')).toBe('a\\u{202e}b');
  });
  it('keeps ordinary names as they are', () => {
    expect(terminalSafe('www.example.')).toBe('www.example.');
    expect(interfaceLabel(null)).toBe('(unnamed)');
  });
});

describe('isoTime', () => {
  it('keeps microsecond and nanosecond precision', () => {
    expect(isoTime(1700000000, 123456000)).toBe('2023-11-14T22:13:20.123456Z');
    expect(isoTime(1700000000, 123456789)).toBe('2023-11-14T22:13:20.123456789Z');
  });
});
