import { describe, expect, it } from 'vitest';
import { auditJson } from '../support/run-dnsleak.js';
import { byName, fixtureCases, leakCategories } from '../support/expected-counts.js';

const cases = fixtureCases();

describe('dnsleak audit on every committed fixture', () => {
  it('finds generated and lab-recorded fixtures to check', () => {
    expect(cases.some((c) => c.capture.startsWith('fixtures/generated/'))).toBe(true);
    expect(cases.some((c) => c.capture.startsWith('fixtures/lab/'))).toBe(true);
  });

  for (const { capture, expectedFile, expected } of cases) {
    it(`${capture} matches ${expectedFile}`, () => {
      const { status, report } = auditJson([capture], expected.args ?? []);
      expect(report.schema).toBe('dnsleak/report/v1');
      expect({ verdict: report.verdict, exitCode: report.exitCode, status }).toEqual({
        verdict: expected.verdict,
        exitCode: expected.exitCode,
        status: expected.exitCode,
      });
      expect(report.totals).toEqual(expected.totals);
      const interfaces = byName(report.interfaces).map((row: Record<string, unknown>) => pick(row, Object.keys(expected.interfaces[0] ?? {})));
      expect(interfaces).toEqual(byName(expected.interfaces));
      if (expected.leakCategories) expect(leakCategories(report)).toEqual(expected.leakCategories);
    });
  }
});

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}
