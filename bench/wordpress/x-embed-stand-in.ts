/**
 * A local stand-in for X's embed (X's hosts cannot be reached from here): one HTTPS server on a
 * loopback port that Chromium reaches for X's host names (`--host-resolver-rules`), serving
 * - `platform.twitter.com/widgets.js`: finds `blockquote.twitter-tweet`, puts a hidden iframe
 *   (`/embed/Tweet.html?id=…`) before each, and when the iframe reports its height
 *   (`twttr.private.resize` over postMessage) shows it at that height and removes the blockquote,
 *   as X's script does;
 * - `platform.twitter.com/embed/Tweet.html` and its script, which fetches the post from
 *   `cdn.syndication.twimg.com/tweet-result` (the recorded payloads in `fixtures/syndication/`)
 *   and renders author, text and date;
 * - anything else on X's hosts: 404, recorded.
 * It copies the shape of X's embed (hosts, one cross-site iframe per post, one data request per
 * post, the swap that shifts the layout), not its weight: its scripts are a few KB where X's real
 * ones are far larger, so X-side bytes and times measured against it are a lower bound.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

/** X's host names, as the WordPress tests recognise them. */
export const X_HOST = /(^|\.)(twitter\.com|x\.com|twimg\.com|t\.co)$/;

/** The stand-in's scripts, served as `platform.twitter.com/widgets.js` and `/embed/embed.Tweet.js`. */
const WIDGETS_JS = `(function () {
  var t = window.twttr = window.twttr || {};
  if (t.widgets) return;
  var n = 0;
  var frames = {};
  function load() {
    var quotes = document.querySelectorAll('blockquote.twitter-tweet:not([data-twitter-extracted])');
    for (var i = 0; i < quotes.length; i++) {
      var bq = quotes[i];
      bq.setAttribute('data-twitter-extracted', 'true');
      var links = bq.querySelectorAll('a[href]');
      var m = links.length ? /\\/status(?:es)?\\/(\\d+)/.exec(links[links.length - 1].href) : null;
      if (!m) continue;
      var embedId = 'twitter-widget-' + n++;
      var box = document.createElement('div');
      box.className = 'twitter-tweet twitter-tweet-rendered';
      box.style.cssText = 'display:flex;max-width:550px;width:100%;margin-top:10px;margin-bottom:10px;';
      var f = document.createElement('iframe');
      f.id = embedId;
      f.title = 'X Post';
      f.setAttribute('scrolling', 'no');
      f.setAttribute('frameborder', '0');
      f.setAttribute('allowtransparency', 'true');
      f.style.cssText = 'position:absolute;visibility:hidden;display:block;width:0px;height:0px;padding:0px;border:none;';
      f.src = 'https://platform.twitter.com/embed/Tweet.html?dnt=false&embedId=' + embedId + '&frame=false&hideCard=false&hideThread=false&id=' + m[1] + '&lang=en&origin=' + encodeURIComponent(location.href) + '&theme=light&width=550px';
      box.appendChild(f);
      bq.parentNode.insertBefore(box, bq);
      frames[embedId] = { frame: f, quote: bq };
    }
  }
  window.addEventListener('message', function (e) {
    if (e.origin !== 'https://platform.twitter.com') return;
    var call;
    try { call = JSON.parse(e.data)['twttr.embed']; } catch (err) { return; }
    if (!call || call.method !== 'twttr.private.resize' || !frames[call.id]) return;
    var w = frames[call.id];
    w.frame.style.cssText = 'position:static;visibility:visible;display:block;width:550px;height:' + call.params[0].height + 'px;flex-grow:1;border:none;';
    w.frame.setAttribute('data-tweet-id', new URL(w.frame.src).searchParams.get('id'));
    if (w.quote.parentNode) w.quote.parentNode.removeChild(w.quote);
  });
  t.widgets = { load: load };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load); else load();
})();
`;

const TWEET_HTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>X Post</title>
<style>body{margin:0;font:15px/20px system-ui,sans-serif;color:#0f1419}article{border:1px solid #cfd9de;border-radius:12px;padding:12px 16px}header b{display:block}header span,time{color:#536471}p{white-space:pre-wrap;margin:12px 0}</style>
</head><body><div id="app"></div><script src="/embed/embed.Tweet.js"></script></body></html>`;

const TWEET_JS = `(function () {
  var q = new URLSearchParams(location.search);
  var id = q.get('id');
  var token = ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\\.)/g, '');
  // Laid out at the width widgets.js asks for, while the iframe itself is still hidden at 0×0.
  document.getElementById('app').style.width = q.get('width') || '550px';
  fetch('https://cdn.syndication.twimg.com/tweet-result?id=' + id + '&lang=en&token=' + token).then(function (r) { return r.json(); }).then(function (t) {
    var el = function (tag, text) { var e = document.createElement(tag); if (text) e.textContent = text; return e; };
    var a = el('article');
    var h = el('header');
    h.appendChild(el('b', t.user.name));
    h.appendChild(el('span', '@' + t.user.screen_name));
    a.appendChild(h);
    a.appendChild(el('p', t.text));
    var link = el('a');
    link.href = 'https://x.com/' + t.user.screen_name + '/status/' + t.id_str;
    link.appendChild(el('time', new Date(t.created_at).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })));
    a.appendChild(link);
    document.getElementById('app').appendChild(a);
    var height = document.documentElement.scrollHeight;
    parent.postMessage(JSON.stringify({ 'twttr.embed': { method: 'twttr.private.resize', params: [{ height: height, width: 550 }], id: q.get('embedId') } }), '*');
  });
})();
`;

/** A running stand-in. */
export interface XStandIn {
  /** Loopback port Chromium should reach X's hosts on. */
  port: number;
  /** `https://host/path` of every request it answered, in order. */
  requests: string[];
  /** What it is, with the gzip size of its scripts, for the bench's JSON. */
  describe(): { what: string; widgetsJsGzipBytes: number; embedScriptGzipBytes: number; embedDocumentGzipBytes: number };
  close(): Promise<void>;
}

/** Chromium flags that send X's hosts to the stand-in, refuse every other name, and accept its self-signed certificate. */
export function chromiumFlags(port: number): string[] {
  const x = ['twitter.com', '*.twitter.com', 'x.com', '*.x.com', 'twimg.com', '*.twimg.com', 't.co'];
  return [`--host-resolver-rules=${x.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`, '--ignore-certificate-errors'];
}

/** Starts the stand-in with a fresh self-signed certificate (openssl). */
export async function startXStandIn(fixtures = 'fixtures/syndication'): Promise<XStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-x-stand-in-'));
  try {
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=platform.twitter.com', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const key = readFileSync(join(dir, 'key.pem'));
  const cert = readFileSync(join(dir, 'cert.pem'));
  rmSync(dir, { recursive: true, force: true });

  const posts = new Map<string, string>();
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(join(fixtures, file), 'utf8');
    const id = (JSON.parse(text) as { id_str?: string }).id_str;
    if (id !== undefined) posts.set(id, text);
  }
  const requests: string[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push(`https://${host}${url.pathname}${url.search}`);
    const send = (status: number, type: string, body: string, cache = 'no-cache'): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'access-control-allow-origin': '*' }).end(body);
    };
    if (host === 'platform.twitter.com' && url.pathname === '/widgets.js') return send(200, 'application/javascript; charset=utf-8', WIDGETS_JS, 'public, max-age=1800');
    if (host === 'platform.twitter.com' && url.pathname === '/embed/Tweet.html') return send(200, 'text/html; charset=utf-8', TWEET_HTML);
    if (host === 'platform.twitter.com' && url.pathname === '/embed/embed.Tweet.js') return send(200, 'application/javascript; charset=utf-8', TWEET_JS, 'public, max-age=31536000, immutable');
    if (host === 'cdn.syndication.twimg.com' && url.pathname === '/tweet-result') {
      const body = posts.get(url.searchParams.get('id') ?? '');
      return body === undefined ? send(404, 'application/json', '{}') : send(200, 'application/json;charset=utf-8', body, 'public, max-age=600');
    }
    send(404, 'text/plain', 'not in the stand-in');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const gz = (s: string): number => gzipSync(s, { level: 9 }).length;
  return {
    port,
    requests,
    describe: () => ({
      what: 'X\'s hosts are a local stand-in (X cannot be reached here): widgets.js puts one cross-site iframe per pasted blockquote, the iframe fetches the post from cdn.syndication.twimg.com (recorded payloads), renders it and reports its height, then widgets.js shows the iframe and removes the blockquote. Same hosts, requests per post and layout swap as X\'s embed; its scripts are a few KB, far smaller than X\'s, so the pasted rows\' X-side bytes and times are a lower bound, not X\'s',
      widgetsJsGzipBytes: gz(WIDGETS_JS),
      embedScriptGzipBytes: gz(TWEET_JS),
      embedDocumentGzipBytes: gz(TWEET_HTML),
    }),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
