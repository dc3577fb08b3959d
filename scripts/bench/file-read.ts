// The benchmark's reference for the cost of reading alone: Node reading a file 256 KiB at a time, as
// dnsleak's reader does, and looking at none of it. With the record walk beside it, it shows what a
// faster walker (in C, say) could save at most. Prints the number of bytes read.
import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 256 << 10;

function readAll(file: string): number {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  for (let read = readSync(fd, buffer, 0, CHUNK, null); read > 0; read = readSync(fd, buffer, 0, CHUNK, null)) total += read;
  closeSync(fd);
  return total;
}

console.log(readAll(process.argv[2]));
