// The benchmark's reference for what Node needs before dnsleak does any work: a plain loop that only
// walks a classic pcap file's records (the issue's own yardstick), reading the way dnsleak's reader
// does, 256 KiB at a time. No validation, no decoding. Prints the number of records.
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 256 << 10;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
/** libpcap's largest captured length, so one record always fits beside a chunk. */
const MAX_RECORD = RECORD_HEADER + 262_144;

function walk(file: string): number {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK + MAX_RECORD);
  let have = readSync(fd, buffer, 0, CHUNK, null);
  if (have < FILE_HEADER || buffer.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${file}: not a little-endian classic pcap`);
  let position = FILE_HEADER;
  let records = 0;
  for (;;) {
    while (position + RECORD_HEADER <= have) {
      const end = position + RECORD_HEADER + buffer.readUInt32LE(position + 8);
      if (end > have) break;
      position = end;
      records++;
    }
    // The record cut by the chunk's end moves to the front, and the next chunk follows it.
    buffer.copy(buffer, 0, position, have);
    have -= position;
    position = 0;
    const read = readSync(fd, buffer, have, CHUNK, null);
    if (read === 0) break;
    have += read;
  }
  closeSync(fd);
  return records;
}

console.log(walk(process.argv[2]));
