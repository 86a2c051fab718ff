/**
 * A local stand-in for X's syndication host (we cannot reach X from tests): serves the
 * recorded payloads in fixtures/syndication by id, and can be told to delete a post,
 * rate-limit, fail, or slow down.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';

/** How the fake answers. */
export type FakeMode = { kind: 'normal' } | { kind: 'rate-limit'; resetInSeconds: number } | { kind: 'server-error' } | { kind: 'slow'; delayMs: number } | { kind: 'malformed' };

/** A running fake syndication host. */
export interface FakeSyndication {
  url: string;
  /** Ids asked for, one entry per request. */
  calls: string[];
  /** The query of each request, in order. */
  queries: URLSearchParams[];
  setMode(mode: FakeMode): void;
  /** From now on, answer this id with X's tombstone payload. */
  remove(id: string): void;
  close(): Promise<void>;
}

const TOMBSTONE = { __typename: 'TweetTombstone', tombstone: { text: { text: 'This Post was deleted by the Post author. Learn more', entities: [], rtl: false } } };

/** Start the fake on a loopback port. */
export async function startFakeSyndication(dir = 'fixtures/syndication'): Promise<FakeSyndication> {
  const bodies = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    const id = (JSON.parse(text) as { id_str?: string }).id_str;
    if (id !== undefined) bodies.set(id, text);
  }
  const removed = new Set<string>();
  const calls: string[] = [];
  const queries: URLSearchParams[] = [];
  let mode: FakeMode = { kind: 'normal' };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const id = url.searchParams.get('id') ?? '';
    calls.push(id);
    queries.push(url.searchParams);
    const send = (): void => {
      if (url.pathname !== '/tweet-result' || url.searchParams.get('token') === null) {
        res.writeHead(400).end();
        return;
      }
      if (mode.kind === 'rate-limit') {
        res.writeHead(429, { 'content-type': 'text/plain', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + mode.resetInSeconds) }).end('Rate limit exceeded');
        return;
      }
      if (mode.kind === 'server-error') {
        res.writeHead(503).end();
        return;
      }
      if (mode.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"__typename":"Tweet","id_str":');
        return;
      }
      if (removed.has(id)) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(TOMBSTONE));
        return;
      }
      const body = bodies.get(id);
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    };
    if (mode.kind === 'slow') setTimeout(send, mode.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    queries,
    setMode: (m) => (mode = m),
    remove: (id) => removed.add(id),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
