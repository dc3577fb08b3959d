// The JSON sink: the report object of schema dnsleak/report/v1 as one line. JSON.stringify escapes
// every control character, so the output stays valid JSON whatever bytes a packet carried.
import type { ReportV1 } from './report-v1.js';

export function jsonReport(report: ReportV1): string {
  return `${JSON.stringify(report)}\n`;
}
