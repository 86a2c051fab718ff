/**
 * Static rendering over a real socket: `GET /v1/render/tweet/:id` answers every fixture
 * post as HTML with a declarative shadow root and the post model inline; text stays text.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFragment } from 'parse5';
import { startServer, type RunningServer } from '../../server/index.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import type { Post, PostResult } from '../../src/data/model.js';
import { segmentPostText } from '../../src/text/segments.js';
import { renderTweetHtml } from '../../src/render/render-tweet.js';

const TOMBSTONE_ID = '1620000000000000001';

/** The parts of parse5's default tree this test reads. */
interface HtmlNode {
  nodeName: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

function parse(html: string): HtmlNode {
  return parseFragment(html) as unknown as HtmlNode;
}

function attr(node: HtmlNode, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

/** Every element under `node`, shadow roots (template contents) included. */
function* walk(node: HtmlNode): Generator<HtmlNode> {
  yield node;
  for (const child of node.childNodes ?? []) yield* walk(child);
  if (node.content !== undefined) yield* walk(node.content);
}

function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.nodeName === '#comment') return '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/** The post's own `<article>` (a reply's parent post comes before it). */
function article(root: HtmlNode): HtmlNode {
  const found = [...walk(root)].find((n) => n.nodeName === 'article');
  assert.ok(found, 'an <article>');
  return found;
}

function byClass(root: HtmlNode, cls: string): HtmlNode | undefined {
  for (const n of walk(root)) if ((attr(n, 'class') ?? '').split(/\s+/).includes(cls)) return n;
  return undefined;
}

interface Fixture {
  file: string;
  post: PostResult;
}

function fixtures(): Fixture[] {
  const index = JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { files: string[] };
  return index.files.map((file) => ({
    file,
    post: normalizeSyndication(JSON.parse(readFileSync(`fixtures/syndication/${file}`, 'utf8')), file.startsWith('tombstone') ? { id: TOMBSTONE_ID } : {}),
  }));
}

let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' });
});
after(() => server.close());

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(server.url + path);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** What the fragment tells a reader and a crawler, and the inline model. */
function inspect(html: string): { host: HtmlNode; shadow: HtmlNode; model: unknown } {
  const doc = parse(html);
  const host = [...walk(doc)].find((n) => n.nodeName === 'perch-tweet');
  assert.ok(host, 'a <perch-tweet> element');
  const template = host.childNodes?.find((n) => n.nodeName === 'template');
  assert.ok(template, 'a <template> child');
  assert.equal(attr(template, 'shadowrootmode'), 'open', 'a declarative shadow root');
  assert.ok(template.content, 'template content');
  const script = host.childNodes?.find((n) => n.nodeName === 'script');
  assert.ok(script, 'the inline post model');
  assert.equal(attr(script, 'type'), 'application/json');
  return { host, shadow: template.content, model: JSON.parse(textOf(script)) };
}

test('every fixture post renders as HTML with a declarative shadow root, its text, author, links and model', async () => {
  for (const { file, post } of fixtures()) {
    const r = await get(`/v1/render/tweet/${post.id}?time-zone=UTC`);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', file);
    const { host, shadow, model } = inspect(r.text);
    assert.equal(attr(host, 'tweet-id'), post.id, file);
    assert.deepEqual(model, post, `${file}: the inline model is the post`);
    assert.ok(textOf(shadow).includes(':host'), `${file}: styles inside the shadow root`);
    if (post.kind === 'tombstone') {
      assert.equal(r.status, post.reason === 'not-found' ? 404 : 200, file);
      assert.equal(attr(byClass(shadow, 'tombstone')!, 'data-reason'), post.reason, file);
      continue;
    }
    assert.equal(r.status, 200, file);
    const p = post as Post;
    const expected = segmentPostText(p.longText ?? p.text).map((s) => s.text).join('');
    const body = byClass(article(shadow), 'body');
    assert.ok(body, `${file}: body`);
    const text = (body.childNodes ?? []).map((n) => (attr(n, 'class') === 'text' ? n : undefined)).find((n) => n !== undefined);
    assert.ok(text, `${file}: text paragraph`);
    assert.equal(textOf(text), expected, `${file}: the text exactly as written`);
    assert.equal(textOf(byClass(article(shadow), 'name')!), p.author.name, `${file}: author name`);
    assert.equal(textOf(byClass(article(shadow), 'handle')!), `@${p.author.handle}`, `${file}: handle`);
    const hrefs = [...walk(shadow)].filter((n) => n.nodeName === 'a').map((n) => attr(n, 'href') ?? '');
    assert.ok(hrefs.includes(p.url), `${file}: links to the post`);
    assert.ok(hrefs.includes(`https://x.com/intent/like?tweet_id=${p.id}`), `${file}: like intent`);
    for (const h of hrefs) assert.match(h, /^https?:\/\//, `${file}: only http(s) links`);
    for (const n of walk(shadow)) {
      if (n.nodeName === 'img' && attr(n, 'src') !== undefined) assert.ok(attr(n, 'src')!.startsWith(`${server.url}/v1/media?url=`), `${file}: media through the embed server`);
    }
  }
});

test('text with & and < stays text, and the inline model cannot end its script block', async () => {
  const post = fixtures().find((f) => f.file === 'synthetic-reply-with-parent.json')!.post as Post;
  const r = await get(`/v1/render/tweet/${post.id}`);
  assert.ok(textOf(byClass(article(inspect(r.text).shadow), 'text')!).includes('"stop video" & a visible'));

  const hostile: Post = {
    ...post,
    text: { text: '1 < 2 && <script>alert(1)</script> </script><!-- <b>x</b>', displayRange: [0, 57], entities: [] },
    author: { ...post.author, name: '<img src=x onerror=alert(1)>' },
  };
  delete hostile.longText;
  const html = await renderTweetHtml(hostile, { server: 'https://embed.example.com', timeZone: 'UTC' });
  const { shadow, model } = inspect(html);
  assert.equal(textOf(byClass(article(shadow), 'text')!), hostile.text.text);
  assert.equal(textOf(byClass(article(shadow), 'name')!), hostile.author.name);
  assert.ok(![...walk(shadow)].some((n) => n.nodeName === 'script' || n.nodeName === 'b'), 'no element made from text');
  assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the model block closes a script');
  assert.deepEqual(model, hostile);
});

test('options mirror the element attributes; the width reaches the host before any script', async () => {
  const r = await get('/v1/render/tweet/1641895049427550208?theme=dark&width=400&align=center&lang=fr&hide-cards&hide-thread&time-zone=Asia%2FTokyo&server=https%3A%2F%2Fembed.example.com%2F');
  assert.equal(r.status, 200);
  const { host, shadow } = inspect(r.text);
  assert.equal(attr(host, 'theme'), 'dark');
  assert.equal(attr(host, 'hide-cards'), '');
  assert.equal(attr(host, 'hide-thread'), '');
  assert.equal(attr(host, 'width'), '400');
  assert.equal(attr(host, 'style'), '--perch-width: 400px');
  assert.equal(attr(host, 'align'), 'center');
  assert.equal(attr(host, 'lang'), 'fr');
  assert.equal(attr(host, 'server'), 'https://embed.example.com');
  assert.equal(attr(host, 'time-zone'), 'Asia/Tokyo');
  assert.equal(attr(byClass(shadow, 'x-mark')!, 'aria-label'), 'Voir sur X');
  assert.match(textOf(byClass(shadow, 'time')!), /5:07/);
  for (const n of walk(shadow)) if (n.nodeName === 'img') assert.ok((attr(n, 'src') ?? '').startsWith('https://embed.example.com/v1/media?url='));
});

test('dnt (under-13 pages) reaches the host, and every media URL in the HTML carries it', async () => {
  const r = await get('/v1/render/tweet/1641086480675225601?dnt&server=https%3A%2F%2Fembed.example.com');
  assert.equal(r.status, 200);
  const { host, shadow } = inspect(r.text);
  assert.equal(attr(host, 'dnt'), '');
  const images = [...walk(shadow)].filter((n) => n.nodeName === 'img');
  assert.ok(images.length > 0, 'the post has media');
  for (const n of images) assert.equal(new URL(attr(n, 'src') ?? '').searchParams.get('dnt'), 'true', attr(n, 'src'));
  const plain = inspect((await get('/v1/render/tweet/1641086480675225601?server=https%3A%2F%2Fembed.example.com')).text);
  assert.equal(attr(plain.host, 'dnt'), undefined);
});

test('?format=json answers {html}; caching stays within the 24-hour rule', async () => {
  const r = await get('/v1/render/tweet/1641086480675225601?format=json&time-zone=UTC');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  const { html } = JSON.parse(r.text) as { html: string };
  inspect(html);
  const maxAge = Number(/max-age=(\d+)/.exec(r.headers.get('cache-control') ?? '')?.[1]);
  const swr = Number(/stale-while-revalidate=(\d+)/.exec(r.headers.get('cache-control') ?? '')?.[1] ?? 0);
  assert.ok(maxAge > 0 && maxAge + swr <= 86_400, r.headers.get('cache-control') ?? '');
});

test('unknown posts render the tombstone with 404; deleted ones with 200', async () => {
  const unknown = await get('/v1/render/tweet/55');
  assert.equal(unknown.status, 404);
  assert.equal(attr(byClass(inspect(unknown.text).shadow, 'tombstone')!, 'data-reason'), 'not-found');
  const deleted = await get(`/v1/render/tweet/${TOMBSTONE_ID}`);
  assert.equal(deleted.status, 200);
  assert.equal(attr(byClass(inspect(deleted.text).shadow, 'tombstone')!, 'data-reason'), 'deleted');
});

test('bad ids and bad options get a 400 JSON error naming the parameter', async () => {
  const cases: Array<[string, string]> = [
    ['/v1/render/tweet/12ab', 'id'],
    [`/v1/render/tweet/${'1'.repeat(41)}`, 'id'],
    ['/v1/render/tweet/20?theme=purple', 'theme'],
    ['/v1/render/tweet/20?width=9000', 'width'],
    ['/v1/render/tweet/20?width=300px', 'width'],
    ['/v1/render/tweet/20?align=top', 'align'],
    ['/v1/render/tweet/20?lang=%3Cscript%3E', 'lang'],
    ['/v1/render/tweet/20?cards=shown', 'cards'],
    ['/v1/render/tweet/20?hide-cards=maybe', 'hide-cards'],
    ['/v1/render/tweet/20?dnt=maybe', 'dnt'],
    ['/v1/render/tweet/20?conversation=all', 'conversation'],
    ['/v1/render/tweet/20?server=javascript%3Aalert(1)', 'server'],
    ['/v1/render/tweet/20?server=%2Frelative', 'server'],
    ['/v1/render/tweet/20?time-zone=Mars%2FOlympus', 'time-zone'],
    ['/v1/render/tweet/20?format=xml', 'format'],
  ];
  for (const [path, param] of cases) {
    const r = await get(path);
    assert.equal(r.status, 400, path);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/, path);
    const body = JSON.parse(r.text) as { error: { param?: string; message: string } };
    assert.equal(body.error.param, param, `${path}: ${body.error.message}`);
  }
});

test('demo mode serves /static.html with the posts rendered in', async () => {
  const r = await get('/static.html');
  assert.equal(r.status, 200);
  assert.ok(!/<!--\s*perch:render/.test(r.text), 'every marker replaced');
  assert.equal(r.text.match(/shadowrootmode="open"/g)?.length, 3);
});
