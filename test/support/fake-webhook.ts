/** Tests: a local webhook receiver that records JSON bodies and answers with a scripted status sequence. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fake webhook. */
export interface FakeWebhook {
  url: string;
  /** Every request body received, parsed as JSON, in arrival order (including ones answered with an error). */
  received: unknown[];
  /** Statuses to answer, in order; after the list, 200. */
  statuses: number[];
  close(): Promise<void>;
}

/** Start the fake webhook on a free loopback port. */
export async function startFakeWebhook(statuses: number[] = []): Promise<FakeWebhook> {
  const fake: FakeWebhook = { url: '', received: [], statuses: [...statuses], close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        fake.received.push(JSON.parse(text) as unknown);
      } catch {
        fake.received.push(text);
      }
      const status = fake.statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'fail');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}
