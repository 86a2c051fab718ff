// The ceiling for bench/impressions.bench.ts: a minimal node:http server that reads each POST body
// and answers a fixed JSON ack without parsing, validating or storing anything.
// Prints {"listening":url} when ready.
import { createServer } from 'node:http';

const ack = Buffer.from('{"accepted":20,"duplicates":0}');
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(ack.length), 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    Buffer.concat(chunks).toString('utf8');
    res.writeHead(200, headers);
    res.end(ack);
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(JSON.stringify({ listening: `http://127.0.0.1:${port}` }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
