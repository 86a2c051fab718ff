/**
 * Test data for `<perch-timeline>`: synthetic timelines built in memory (ids start with 9)
 * and a fetch stub that serves them with cursors, as the embed server's routes do.
 */
import { POST_MODEL_VERSION, type Post } from '../../../src/data/model.js';
import type { TimelinePage, TimelineSource } from '../../../src/data/timeline.js';

export const PROFILE_SOURCE: TimelineSource = { type: 'profile', userId: '2244994945', handle: 'TwitterDev' };
export const LIST_SOURCE: TimelineSource = { type: 'list', listId: '9300000000000000001', ownerHandle: 'TwitterDev', slug: 'perch-demo' };

/** A stub server origin: the fetch stub answers for it, nothing else is contacted. */
export const STUB_SERVER = 'http://127.0.0.1:9';

/** Synthetic post number `n` (higher n = older). */
export function syntheticPost(n: number, extra: Partial<Post> = {}): Post {
  const id = `9${String(n).padStart(18, '0')}`;
  const text = `Synthetic timeline post number ${n}`;
  return {
    kind: 'post',
    version: POST_MODEL_VERSION,
    id,
    url: `https://x.com/TwitterDev/status/${id}`,
    author: { id: '2244994945', name: 'Developers', handle: 'TwitterDev', avatarUrl: 'https://pbs.twimg.com/profile_images/synthetic/twitterdev_normal.png', avatarShape: 'square', verified: 'business' },
    createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') - n * 3_600_000).toISOString(),
    lang: 'en',
    text: { text, displayRange: [0, text.length], entities: [] },
    media: [],
    counts: { replies: n % 5, reposts: n % 3, likes: n % 17 },
    edited: false,
    sensitive: false,
    ...extra,
  };
}

/** A page holding posts `from`..`from+count-1`. */
export function timelinePage(count: number, options: { from?: number; nextCursor?: string | null; source?: TimelineSource } = {}): TimelinePage {
  const from = options.from ?? 1;
  const source = options.source ?? PROFILE_SOURCE;
  const posts = Array.from({ length: count }, (_, i) => syntheticPost(from + i));
  return {
    kind: 'timeline',
    version: 1,
    source,
    title: source.type === 'profile' ? 'Developers' : 'Perch demo list',
    url: source.type === 'profile' ? 'https://x.com/TwitterDev' : 'https://x.com/i/lists/9300000000000000001',
    owner: { id: '2244994945', name: 'Developers', handle: 'TwitterDev', avatarUrl: 'https://pbs.twimg.com/profile_images/synthetic/twitterdev_normal.png', avatarShape: 'square', verified: 'business' },
    posts,
    nextCursor: options.nextCursor ?? null,
    newestId: posts[0]?.id ?? null,
    synthetic: true,
  };
}

/** What the stub saw and can be told. */
export interface TimelineStub {
  /** Every URL requested from the stub server. */
  urls: string[];
  /** Post numbers of the whole timeline, newest first; change it to simulate new posts. */
  numbers: number[];
  /** Hold answers until `release()` is called. */
  hold: boolean;
  /** URLs of requests the page aborted (while held). */
  aborted: string[];
  release(): void;
  /** Answer with this status instead of a page. */
  status: number;
  restore(): void;
}

/**
 * Replace `window.fetch` for {@link STUB_SERVER}: answers timeline pages over `numbers`
 * with `limit` and cursors (a cursor is the last post number served, base64url'd).
 */
export function stubTimelineServer(total: number, source: TimelineSource = PROFILE_SOURCE): TimelineStub {
  const original = window.fetch;
  let waiters: Array<() => void> = [];
  const stub: TimelineStub = {
    urls: [],
    numbers: Array.from({ length: total }, (_, i) => i + 1),
    hold: false,
    aborted: [],
    status: 200,
    release() {
      stub.hold = false;
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    },
    restore() {
      window.fetch = original;
    },
  };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.origin !== STUB_SERVER) return original(input, init);
    stub.urls.push(url.href);
    if (stub.hold) {
      // Like a real fetch, a held request ends at once when the page aborts it.
      await new Promise<void>((resolve, reject) => {
        waiters.push(resolve);
        init?.signal?.addEventListener('abort', () => {
          stub.aborted.push(url.href);
          reject(new DOMException('The operation was aborted.', 'AbortError'));
        });
      });
    }
    if (stub.status !== 200) return new Response(JSON.stringify({ error: { code: 'x', message: 'stubbed failure' } }), { status: stub.status });
    const limit = Number(url.searchParams.get('limit') ?? '10');
    const cursor = url.searchParams.get('cursor');
    const after = cursor === null ? undefined : Number(atob(cursor));
    const startIndex = after === undefined ? 0 : stub.numbers.indexOf(after) + 1;
    const slice = stub.numbers.slice(startIndex, startIndex + limit);
    const more = startIndex + limit < stub.numbers.length;
    const last = slice[slice.length - 1];
    const page = timelinePage(0, { source });
    page.posts = slice.map((n) => syntheticPost(n));
    page.nextCursor = more && last !== undefined ? btoa(String(last)).replace(/=+$/, '') : null;
    page.newestId = stub.numbers[0] === undefined ? null : syntheticPost(stub.numbers[0]).id;
    return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return stub;
}
