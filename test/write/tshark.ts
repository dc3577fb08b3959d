// Runs tshark, the independent reader the writer and fixture tests validate against.
import { execFileSync } from 'node:child_process';

/** One line per packet, the fields tab-separated; tshark's stderr (e.g. "cut short") is discarded. */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = ['-r', file, '-T', 'fields', ...fields.flatMap((field) => ['-e', field]), ...extra];
  let out: string;
  try {
    out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (error) {
    // A file cut short makes tshark exit non-zero after printing every complete packet.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}
