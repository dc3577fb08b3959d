// The offline pipeline in process, as `dnsleak audit` runs it but without the file system: capture bytes
// (pushed in chunks of any size) through the reader, the audit sink and state, to a report snapshot.
import { createAuditSink } from '../../src/audit/audit-sink.js';
import { createAuditState, type AuditState } from '../../src/audit/audit-state.js';
import { snapshot } from '../../src/audit/snapshot.js';
import { NO_POLICY } from '../../src/classify/policy.js';
import type { ReportV1 } from '../../src/report/report-v1.js';
import { createCaptureReader } from '../../src/sources/capture-reader.js';

/** Audits one capture given as bytes; throws what the reader throws (CaptureFileError only). */
export function auditBytes(file: Buffer, chunkSize = Math.max(file.length, 1)): ReportV1 {
  const state = createAuditState(NO_POLICY);
  feed(state, file, chunkSize);
  return snapshot(state, { sources: ['memory'], live: false, requireEncrypted: false });
}

export function feed(state: AuditState, file: Buffer, chunkSize: number): void {
  const reader = createCaptureReader(createAuditSink(state));
  for (let at = 0; at < file.length; at += chunkSize) reader.push(file.subarray(at, at + chunkSize));
  if (reader.end().truncated) state.markTruncated();
}
