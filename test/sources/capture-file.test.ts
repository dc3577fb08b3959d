import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFileError } from '../../src/errors.js';
import { readCaptureFile } from '../../src/sources/capture-file.js';
import { packetBytes, pcapFile, type PcapRecord } from './capture-bytes.js';
import { collectFrames, seen } from './collect-frames.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsleak-capture-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const records: PcapRecord[] = Array.from({ length: 400 }, (_, i) => ({
  seconds: 1700000000 + i,
  fraction: i * 7,
  data: packetBytes(40 + (i % 90), i),
}));
const pcap = pcapFile({}, records);
const expectedFrames = records.map((r) => seen(0, r.seconds, r.fraction * 1000, r.data));
const brief = (sink: ReturnType<typeof collectFrames>) => sink.frames;

async function readError(path: string): Promise<CaptureFileError> {
  const error = await readCaptureFile(path, collectFrames()).then(
    () => new Error('no error'),
    (e: unknown) => e,
  );
  if (error instanceof CaptureFileError) return error;
  throw error;
}

const openDescriptors = () => readdirSync('/proc/self/fd').length;

describe('readCaptureFile', () => {
  it('reads a capture file in chunks of any size', async () => {
    const path = write('plain.pcap', pcap);
    for (const chunkSize of [1 << 20, 4096, 7]) {
      const sink = collectFrames();
      expect(await readCaptureFile(path, sink, { chunkSize })).toEqual({ truncated: false, bytes: pcap.length });
      expect(brief(sink)).toEqual(expectedFrames);
    }
  });

  it('reads plain and gzip captures from a named pipe, which can be read only once', async () => {
    for (const [name, bytes] of [['plain.fifo', pcap], ['gzip.fifo', gzipSync(pcap)]] as const) {
      const path = join(dir, name);
      execFileSync('mkfifo', [path]);
      // A writer in its own process, one byte first, so that the reader's first read gets a single byte.
      const first = write(`${name}.1`, bytes.subarray(0, 1));
      const rest = write(`${name}.rest`, bytes.subarray(1));
      const writer = spawn('sh', ['-c', '{ cat "$1"; sleep 0.2; cat "$2"; } > "$3"', 'sh', first, rest, path]);
      const written = new Promise((resolve) => writer.on('exit', resolve));
      const sink = collectFrames();
      expect(await readCaptureFile(path, sink)).toEqual({ truncated: false, bytes: pcap.length });
      expect(brief(sink)).toEqual(expectedFrames);
      expect(await written).toBe(0);
    }
  });

  it('inflates gzip detected by its magic, whatever the file is called', async () => {
    const path = write('capture.pcap', gzipSync(pcap));
    for (const chunkSize of [1 << 20, 100, 7]) {
      const sink = collectFrames();
      expect(await readCaptureFile(path, sink, { chunkSize })).toEqual({ truncated: false, bytes: pcap.length });
      expect(brief(sink)).toEqual(expectedFrames);
    }
  });

  it('reports a gzip stream cut short as truncated, after the packets inflated before the cut', async () => {
    const gzipped = gzipSync(pcap);
    const path = write('cut.pcap.gz', gzipped.subarray(0, Math.floor(gzipped.length / 2)));
    const sink = collectFrames();
    const result = await readCaptureFile(path, sink, { chunkSize: 512 });
    expect(result.truncated).toBe(true);
    expect(sink.frames.length).toBeGreaterThan(0);
    expect(sink.frames.length).toBeLessThan(records.length);
    expect(brief(sink)).toEqual(expectedFrames.slice(0, sink.frames.length));
  });

  it('reports a gzip stream cut inside its header as truncated with nothing read', async () => {
    const path = write('header-only.gz', gzipSync(pcap).subarray(0, 10));
    const sink = collectFrames();
    expect(await readCaptureFile(path, sink)).toEqual({ truncated: true, bytes: 0 });
    expect(sink.frames).toEqual([]);
  });

  it('refuses corrupt gzip data', async () => {
    const corrupt = gzipSync(pcap);
    corrupt[10] = 0xff; // first deflate block header: final block of the reserved type 3
    const error = await readError(write('corrupt.gz', corrupt));
    expect(error.message).toBe('corrupt gzip data: invalid block type');
  });

  it('refuses gzip data whose checksum does not match', async () => {
    const corrupt = gzipSync(pcap);
    corrupt[corrupt.length - 8] ^= 1;
    expect((await readError(write('bad-crc.gz', corrupt))).message).toBe('corrupt gzip data: incorrect data check');
  });

  it('passes on the capture error of a bad record inside a gzip stream', async () => {
    const bad = pcapFile({}, [records[0], { seconds: 1, fraction: 0, data: packetBytes(70000, 0) }]);
    const error = await readError(write('bad-record.gz', gzipSync(bad)));
    expect(error.message).toBe(`record at offset ${24 + 16 + 40}: captured length 70000 exceeds snaplen 65535`);
    expect(error.offset).toBe(80);
  });

  it('names file-system errors plainly', async () => {
    expect((await readError(join(dir, 'missing.pcap'))).message).toBe('no such file');
    mkdirSync(join(dir, 'a-directory'));
    expect((await readError(join(dir, 'a-directory'))).message).toBe('is a directory');
  });

  it('refuses an empty file and a file that is not a capture', async () => {
    expect((await readError(write('empty.pcap', Buffer.alloc(0)))).message).toBe('empty file');
    expect((await readError(write('text.pcap', Buffer.from('hello world\n')))).message).toBe(
      'not a pcap or pcapng file (magic 0x68656c6c)',
    );
  });

  it('closes the file however reading ends', async () => {
    const before = openDescriptors();
    await readCaptureFile(write('ok.pcap', pcap), collectFrames());
    await readError(write('bad.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff])));
    await readError(write('not-capture', Buffer.alloc(5000, 1)));
    const cut = Buffer.from(pcap.subarray(0, 3000));
    expect((await readCaptureFile(write('cut.pcap', cut), collectFrames(), { chunkSize: 1000 })).truncated).toBe(true);
    expect(openDescriptors()).toBe(before);
  });
});

// Standard input needs a process of its own: the modules are transpiled to plain JavaScript for a child node.
describe("readCaptureFile('-')", () => {
  const childDir = join(dir, 'child');
  function transpile(): void {
    const root = join(import.meta.dirname, '..', '..');
    const sourceFiles = readdirSync(join(root, 'src/sources')).map((f) => `src/sources/${f}`);
    const sources = ['src/errors.ts', 'src/frame.ts', 'src/byte-order.ts', ...sourceFiles];
    for (const source of sources.filter((s) => s.endsWith('.ts'))) {
      const output = ts.transpileModule(readFileSync(join(root, source), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, preserveConstEnums: true },
      });
      const target = join(childDir, source.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output.outputText);
    }
    writeFileSync(join(childDir, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(childDir, 'main.js'),
      `import { readCaptureFile } from './src/sources/capture-file.js';
let frames = 0;
const result = await readCaptureFile('-', { interface() {}, frame() { frames++; } }, { chunkSize: 4096 });
console.log(JSON.stringify({ ...result, frames }));`,
    );
  }

  function runWithStdin(input: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(childDir, 'main.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(output.trim()) : reject(new Error(`exit ${code}`))));
      // Written in pieces so that the reader sees standard input arrive over several reads.
      const pieces = [input.subarray(0, 1), input.subarray(1, 3000), input.subarray(3000)];
      for (const piece of pieces) child.stdin.write(piece);
      child.stdin.end();
    });
  }

  it('reads plain and gzip captures from standard input', async () => {
    transpile();
    const expected = { truncated: false, bytes: pcap.length, frames: 400 };
    expect(JSON.parse(await runWithStdin(pcap))).toEqual(expected);
    expect(JSON.parse(await runWithStdin(gzipSync(pcap)))).toEqual(expected);
  });
});
