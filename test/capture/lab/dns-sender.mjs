// Sends DNS queries for q<sequence>.probe.test over UDP as fast as one socket can, for the capture tests.
// Usage: node dns-sender.mjs <address> <count> [first sequence] [queries per second]. Without a rate it
// sends as fast as it can. Prints {"sent": n, "ms": t}.
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

const [address, countText, firstText] = process.argv.slice(2);
const count = Number(countText);
const first = Number(firstText ?? 0);
const rate = Number(process.argv[5] ?? 0);
const socket = createSocket('udp4');
const started = process.hrtime.bigint();
let sent = 0;
let acknowledged = 0;

function query(sequence) {
  return dnsPacket.encode({
    type: 'query',
    id: sequence & 0xffff,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'A', name: `q${sequence}.probe.test` }],
  });
}

function done() {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ sent, ms }) + '\n');
  socket.close();
}

// Bursts of 256 with a turn of the event loop between them keep the send queue bounded.
function burst() {
  const end = Math.min(count, sent + 256);
  for (; sent < end; sent++) {
    socket.send(query(first + sent), 53, address, () => {
      acknowledged++;
      if (acknowledged === count) done();
    });
  }
  if (sent >= count) return;
  // Paced: the next burst waits until the time its first query is due.
  const due = rate > 0 ? (sent * 1000) / rate - Number(process.hrtime.bigint() - started) / 1e6 : 0;
  if (due > 1) setTimeout(burst, due);
  else setImmediate(burst);
}
if (count === 0) done();
else burst();
