import { connect as netConnect, createServer, type AddressInfo, type Server } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parseClientHello, parseServerHello, tlsRecordCheck, tlsVersionName } from '../../src/decode/tls-hello.js';
import { bytes, u16 } from './build.js';

function u24(value: number): number[] {
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function record(payload: Buffer, contentType = 22, version = 0x0301): Buffer {
  return bytes([contentType], u16(version), u16(payload.length), payload);
}

function handshake(type: number, body: Buffer): Buffer {
  return bytes([type], u24(body.length), body);
}

function extension(type: number, data: Buffer): Buffer {
  return bytes(u16(type), u16(data.length), data);
}

function serverName(host: Buffer): Buffer {
  const entry = bytes([0], u16(host.length), host);
  return extension(0, bytes(u16(entry.length), entry));
}

function clientHelloBody(extensions: Buffer[]): Buffer {
  const block = Buffer.concat(extensions);
  const fixed = bytes(u16(0x0303), Buffer.alloc(32, 7), [32], Buffer.alloc(32, 9), u16(6), u16(0x1301), u16(0x1302), u16(0x1303), [1, 0]);
  return bytes(fixed, u16(block.length), block);
}

const supportedVersionsOffer = extension(0x2b, Buffer.from([4, 0x03, 0x04, 0x03, 0x03]));
const hello = handshake(1, clientHelloBody([supportedVersionsOffer, serverName(Buffer.from('dns.example.net')), extension(0x0a, Buffer.from([0, 2, 0, 0x1d]))]));

function serverHelloBody(extensions: Buffer[] | null, legacyVersion = 0x0303): Buffer {
  const fixed = bytes(u16(legacyVersion), Buffer.alloc(32, 1), [0], u16(0x1301), [0]);
  if (extensions === null) return fixed;
  const block = Buffer.concat(extensions);
  return bytes(fixed, u16(block.length), block);
}

// A throwaway self-signed P-256 certificate for the loopback TLS server below; nothing verifies it.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQglpZF8N/TpBCgPKQe
5yNoCxkMHzQHH7IoaJnbSSG72dOhRANCAATmirNXXk+SAu0ieepv4RL1sMLFXwst
61p2P8EM+UvgJY7mvf/nrbce4TpSqpPrUBIbGGv2tpY+ezjWABYlXT18
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBfjCCASOgAwIBAgIUHXdFzY+3db5gUivLbELU5tATdz0wCgYIKoZIzj0EAwIw
EzERMA8GA1UEAwwIZG5zLnRlc3QwIBcNMjYxMTI0MDgwNDI3WhgPMjEyNjEwMzEw
ODA0MjdaMBMxETAPBgNVBAMMCGRucy50ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAE5oqzV15PkgLtInnqb+ES9bDCxV8LLetadj/BDPlL4CWO5r3/5623HuE6
UqqT61ASGxhr9raWPns41gAWJV09fKNTMFEwHQYDVR0OBBYEFE8Vd5WBa/br+i7M
dk1vMiVF06xIMB8GA1UdIwQYMBaAFE8Vd5WBa/br+i7Mdk1vMiVF06xIMA8GA1Ud
EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAI30BwS4YRMl+Mn6R3lQVo36
VyesSoKT1rCTqkEW46kTAiEA/9PlV4KlhsXovGzl9NtYnqmkrieuyRvf7hRzTcR+
MnA=
-----END CERTIFICATE-----`;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/**
 * A real TLS handshake between Node's client and server on loopback through a relay that records the
 * bytes each side sent, as a capture would see them.
 */
async function recordHandshake(servername: string, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<{ client: Buffer; server: Buffer }> {
  const tlsServer = createTlsServer({ key: TEST_KEY, cert: TEST_CERT, maxVersion }, (socket) => socket.end());
  const tlsPort = await listen(tlsServer);
  const fromClient: Buffer[] = [];
  const fromServer: Buffer[] = [];
  const relay = createServer((inbound) => {
    const outbound = netConnect(tlsPort, '127.0.0.1');
    inbound.on('data', (chunk) => {
      fromClient.push(chunk);
      outbound.write(chunk);
    });
    outbound.on('data', (chunk) => {
      fromServer.push(chunk);
      inbound.write(chunk);
    });
    inbound.on('error', () => {});
    outbound.on('error', () => {});
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  const relayPort = await listen(relay);
  const client = tlsConnect({ host: '127.0.0.1', port: relayPort, servername, rejectUnauthorized: false });
  client.on('error', () => {});
  await new Promise((resolve) => client.on('secureConnect', resolve));
  client.destroy();
  relay.close();
  tlsServer.close();
  return { client: Buffer.concat(fromClient), server: Buffer.concat(fromServer) };
}

describe('tlsRecordCheck', () => {
  it('recognises a handshake record header', () => {
    expect(tlsRecordCheck(record(hello), 0, 5)).toBe('tls');
  });

  it('decides not-tls from the first byte that disagrees', () => {
    expect(tlsRecordCheck(Buffer.from([0x00, 0x1d]), 0, 2)).toBe('not-tls'); // DNS length prefix
    expect(tlsRecordCheck(Buffer.from([0x19]), 0, 1)).toBe('not-tls');
    expect(tlsRecordCheck(Buffer.from([0x16, 0x02]), 0, 2)).toBe('not-tls');
    expect(tlsRecordCheck(Buffer.from([0x16, 0x03, 0x05]), 0, 3)).toBe('not-tls');
    expect(tlsRecordCheck(Buffer.from([0x17, 0x03, 0x03, 0x48, 0x01]), 0, 5)).toBe('not-tls'); // 18433 > 2^14 + 2048
    expect(tlsRecordCheck(Buffer.from('GET / HTTP/1.1'), 0, 14)).toBe('not-tls');
  });

  it('asks for more until five bytes agree', () => {
    expect(tlsRecordCheck(Buffer.alloc(0), 0, 0)).toBe('need-more');
    expect(tlsRecordCheck(Buffer.from([0x16, 0x03, 0x01, 0x02]), 0, 4)).toBe('need-more');
    expect(tlsRecordCheck(Buffer.from([0x17, 0x03, 0x03, 0x48, 0x00]), 0, 5)).toBe('tls');
  });
});

describe('parseClientHello', () => {
  it('finds the SNI in a hello within one record, at an offset', () => {
    const buf = bytes([0xaa, 0xbb], record(hello));
    expect(parseClientHello(buf, 2, buf.length - 2)).toEqual({ status: 'ok', sni: 'dns.example.net' });
  });

  it('finds the SNI in the hello Node\'s TLS client really sends', async () => {
    const { client } = await recordHandshake('one.one.one.one', 'TLSv1.3');
    expect(tlsRecordCheck(client, 0, client.length)).toBe('tls');
    expect(parseClientHello(client, 0, client.length)).toEqual({ status: 'ok', sni: 'one.one.one.one' });
  });

  it('assembles a hello split over two records', () => {
    const split = bytes(record(hello.subarray(0, 2)), record(hello.subarray(2)));
    expect(parseClientHello(split, 0, split.length)).toEqual({ status: 'ok', sni: 'dns.example.net' });
    const late = bytes(record(hello.subarray(0, 100)), record(hello.subarray(100)));
    expect(parseClientHello(late, 0, late.length)).toEqual({ status: 'ok', sni: 'dns.example.net' });
  });

  it('needs more while a record or the hello is incomplete', () => {
    const whole = record(hello);
    for (const cut of [0, 4, 5, 8, whole.length - 1]) {
      expect(parseClientHello(whole, 0, cut)).toEqual({ status: 'need-more', sni: null });
    }
    const split = bytes(record(hello.subarray(0, 60)), record(hello.subarray(60)));
    expect(parseClientHello(split, 0, 65 + 3)).toEqual({ status: 'need-more', sni: null });
    expect(parseClientHello(split, 0, split.length - 1)).toEqual({ status: 'need-more', sni: null });
  });

  it('is null SNI when the hello has none, or no extensions at all', () => {
    const noSni = handshake(1, clientHelloBody([supportedVersionsOffer]));
    expect(parseClientHello(record(noSni), 0, noSni.length + 5)).toEqual({ status: 'ok', sni: null });
    const bare = handshake(1, clientHelloBody([]).subarray(0, -2));
    expect(parseClientHello(record(bare), 0, bare.length + 5)).toEqual({ status: 'ok', sni: null });
  });

  it('escapes SNI bytes outside printable ASCII', () => {
    const evil = handshake(1, clientHelloBody([serverName(Buffer.from('a\x1b[2Jb\\c .d\xff', 'latin1'))]));
    expect(parseClientHello(record(evil), 0, evil.length + 5).sni).toBe('a\\027[2Jb\\\\c\\032.d\\255');
  });

  it('is invalid for other records, other handshakes and lengths that do not add up', () => {
    expect(parseClientHello(record(Buffer.from([2, 40]), 21), 0, 7).status).toBe('invalid'); // alert
    const serverHello = handshake(2, serverHelloBody(null));
    expect(parseClientHello(record(serverHello), 0, serverHello.length + 5).status).toBe('invalid');
    const broken = Buffer.from(hello);
    broken[4 + 2 + 32] = 33; // session id longer than 32
    expect(parseClientHello(record(broken), 0, broken.length + 5).status).toBe('invalid');
    const oddSuites = handshake(1, bytes(u16(0x0303), Buffer.alloc(32), [0], u16(3), [0x13, 0x01, 0x13], [1, 0]));
    expect(parseClientHello(record(oddSuites), 0, oddSuites.length + 5).status).toBe('invalid');
    const overlong = handshake(1, clientHelloBody([extension(0, Buffer.alloc(4))]));
    overlong.writeUInt16BE(200, overlong.length - 6); // extension length past the block
    expect(parseClientHello(record(overlong), 0, overlong.length + 5).status).toBe('invalid');
    expect(parseClientHello(bytes([22, 3, 1], u16(0)), 0, 5).status).toBe('invalid'); // empty handshake record
  });
});

describe('parseServerHello', () => {
  it('reads the version a real server selected', async () => {
    const tls13 = (await recordHandshake('dns.test', 'TLSv1.3')).server;
    expect(tlsRecordCheck(tls13, 0, tls13.length)).toBe('tls');
    expect(parseServerHello(tls13, 0, tls13.length)).toEqual({ status: 'ok', version: 0x0304 });
    const tls12 = (await recordHandshake('dns.test', 'TLSv1.2')).server;
    expect(parseServerHello(tls12, 0, tls12.length)).toEqual({ status: 'ok', version: 0x0303 });
  });

  it('takes the version from supported_versions (TLS 1.3)', () => {
    const message = handshake(2, serverHelloBody([extension(0x33, Buffer.alloc(36)), extension(0x2b, Buffer.from([3, 4]))]));
    const flight = bytes(record(message, 22, 0x0303), record(Buffer.from([1]), 20, 0x0303));
    expect(parseServerHello(flight, 0, flight.length)).toEqual({ status: 'ok', version: 0x0304 });
  });

  it('falls back to legacy_version without supported_versions (TLS 1.2)', () => {
    const message = handshake(2, serverHelloBody([extension(0xff01, Buffer.from([0]))]));
    // TLS 1.2 servers often put ServerHello and Certificate in one record: only its start has arrived.
    const certificate = handshake(11, Buffer.alloc(3000));
    const flight = record(bytes(message, certificate), 22, 0x0303);
    expect(parseServerHello(flight, 0, 5 + message.length + 10)).toEqual({ status: 'ok', version: 0x0303 });
    const bare = handshake(2, serverHelloBody(null, 0x0301));
    expect(parseServerHello(record(bare), 0, bare.length + 5)).toEqual({ status: 'ok', version: 0x0301 });
  });

  it('is invalid for a client hello or a malformed supported_versions, need-more when short', () => {
    expect(parseServerHello(record(hello), 0, hello.length + 5).status).toBe('invalid');
    const listed = handshake(2, serverHelloBody([extension(0x2b, Buffer.from([2, 3, 4]))]));
    expect(parseServerHello(record(listed), 0, listed.length + 5)).toEqual({ status: 'invalid', version: null });
    expect(parseServerHello(record(listed), 0, 20)).toEqual({ status: 'need-more', version: null });
  });
});

describe('tlsVersionName', () => {
  it.each([
    [0x0304, 'TLS 1.3'],
    [0x0303, 'TLS 1.2'],
    [0x0302, 'TLS 1.1'],
    [0x0301, 'TLS 1.0'],
    [0x0300, 'SSL 3.0'],
    [0x7f1c, '0x7f1c'],
    [0x00ff, '0x00ff'],
  ])('names %i as %s', (version, name) => {
    expect(tlsVersionName(version)).toBe(name);
  });
});
