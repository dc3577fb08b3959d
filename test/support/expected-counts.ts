// Fixtures carry their expected counts beside them (NAME.expected.json); this compares a report to them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO } from './run-dnsleak.js';

export interface Expected {
  verdict: string;
  exitCode: number;
  totals: Record<string, unknown>;
  interfaces: { name: string | null }[];
  leakCategories?: Record<string, number>;
  args?: string[];
}

export interface FixtureCase {
  capture: string;
  expectedFile: string;
  expected: Expected;
}

/** Every capture under fixtures/ with an expected-counts file, including policy variants (NAME.VARIANT.expected.json). */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const dir of ['fixtures/generated', 'fixtures/lab']) {
    const full = join(REPO, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full).filter((name) => name.endsWith('.expected.json')).sort()) {
      const capture = captureFor(full, file);
      if (capture !== null) cases.push({ capture: relative(REPO, capture), expectedFile: join(dir, file), expected: JSON.parse(readFileSync(join(full, file), 'utf8')) });
    }
  }
  return cases;
}

function captureFor(dir: string, expectedFile: string): string | null {
  const parts = expectedFile.replace(/\.expected\.json$/, '').split('.');
  // NAME.pcap.expected.json, NAME.expected.json beside NAME.pcap / NAME.pcapng / NAME.pcap.gz,
  // and NAME.VARIANT.expected.json for the same capture audited with other arguments.
  for (let keep = parts.length; keep >= 1; keep--) {
    const stem = parts.slice(0, keep).join('.');
    for (const suffix of ['', '.pcap', '.pcapng', '.pcap.gz', '.pcapng.gz']) {
      const candidate = join(dir, stem + suffix);
      if (existsSync(candidate) && !candidate.endsWith('.json') && statSync(candidate).isFile()) return candidate;
    }
  }
  return null;
}

export function byName<T extends { name: string | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export function leakCategories(report: { leaks: { category: string }[] }): Record<string, number> {
  const counts: Record<string, number> = { plaintext: 0, downgrade: 0, 'link-local': 0, 'not-tls': 0 };
  for (const leak of report.leaks) counts[leak.category] = (counts[leak.category] ?? 0) + 1;
  return counts;
}
