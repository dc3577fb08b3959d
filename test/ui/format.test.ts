import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/ui/format-bytes.js';
import { formatClock } from '../../src/ui/format-clock.js';
import { formatDuration } from '../../src/ui/format-duration.js';
import { formatEndpoint } from '../../src/ui/format-endpoint.js';

describe('formatBytes', () => {
  it('prints whole bytes below 1 KiB', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });
  it('uses binary units with one decimal below 100 and none above', () => {
    expect(formatBytes(1024)).toBe('1.0 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(150 * 1024 * 1024)).toBe('150 MiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
  });
  it('moves to the next unit instead of printing 1024 of the smaller one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
  });
  it('prints ? for a value that is not a count', () => {
    expect(formatBytes(-1)).toBe('?');
    expect(formatBytes(Number.NaN)).toBe('?');
  });
});

describe('formatDuration', () => {
  it('prints h:mm:ss with hours counting past a day', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(65.9)).toBe('0:01:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(90000)).toBe('25:00:00');
  });
  it('treats negative and non-finite seconds as zero', () => {
    expect(formatDuration(-5)).toBe('0:00:00');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('0:00:00');
  });
});

describe('formatClock', () => {
  it('keeps the time of day of an ISO time, whatever its precision', () => {
    expect(formatClock('2024-05-01T12:34:56.123456Z')).toBe('12:34:56');
    expect(formatClock('2024-05-01T01:02:03.123456789Z')).toBe('01:02:03');
  });
  it('shows anything else as terminal-safe text', () => {
    expect(formatClock('bad\u001b[2J')).toBe('bad\\x1b[2J');
  });
});

describe('formatEndpoint', () => {
  it('brackets IPv6 addresses and not IPv4 ones', () => {
    expect(formatEndpoint('198.51.100.53', 53)).toBe('198.51.100.53:53');
    expect(formatEndpoint('2001:db8::53', 853)).toBe('[2001:db8::53]:853');
  });
});
