// Whole pages of the embed server (demo pages, /dist, /v1) served from the test runner's own
// origin, so a test can open one in a same-origin <iframe> and look inside it:
//   /__page/<path>  the embed server's answer, as it is
//   /__csp/<path>   the same with the strict Content-Security-Policy header (Trusted Types
//                   enforced); violations are reported to /__csp-report and kept here
// plus a per-page log (console messages, uncaught errors, and every request for a
// non-loopback host, which is aborted so that nothing leaves the machine).

/** The strict policy Perch is tested under (README "Strict Content Security Policy"). */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html perch',
  'report-uri /__csp-report',
].join('; ');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** @param {() => string | undefined} embedUrl */
export function pageProxy(embedUrl) {
  /** CSP violation reports received at /__csp-report */
  const reports = [];
  /** per browser session: console messages, page errors, external requests */
  const logs = new Map();

  const onRequest = (log) => (req) => {
    if (req.isInterceptResolutionHandled?.()) return;
    let external = false;
    try {
      const url = new URL(req.url());
      external = (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && !LOOPBACK.has(url.hostname);
    } catch {
      external = false;
    }
    if (external) {
      log.external.push(req.url());
      void req.abort('blockedbyclient').catch(() => undefined);
    } else void req.continue().catch(() => undefined);
  };

  return {
    /** Commands for `executeServerCommand`; undefined when the command is not one of these. */
    async command(command, session) {
      if (command === 'perch-csp-reports') return reports.splice(0);
      if (command === 'perch-page-log-start') {
        const page = session.browser.getPage(session.id);
        const log = { console: [], errors: [], external: [] };
        const listeners = {
          console: (msg) => log.console.push({ type: msg.type(), text: msg.text() }),
          pageerror: (error) => log.errors.push(String(error?.message ?? error)),
          request: onRequest(log),
        };
        for (const [name, fn] of Object.entries(listeners)) page.on(name, fn);
        await page.setRequestInterception(true);
        logs.set(session.id, { log, listeners });
        return true;
      }
      if (command === 'perch-page-log') return logs.get(session.id)?.log ?? { console: [], errors: [], external: [] };
      if (command === 'perch-page-log-stop') {
        const page = session.browser.getPage(session.id);
        const entry = logs.get(session.id);
        if (entry !== undefined) for (const [name, fn] of Object.entries(entry.listeners)) page.off(name, fn);
        logs.delete(session.id);
        await page.setRequestInterception(false);
        return true;
      }
      return undefined;
    },

    /** The dev server's `serve` hook for /__page/, /__csp/ and /__csp-report. */
    async serve(context) {
      if (context.path === '/__csp-report') {
        const body = (await readBody(context.req)).toString('utf8');
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push({ unparsed: body });
        }
        return { body: '{}', type: 'application/json', headers: { 'cache-control': 'no-store' } };
      }
      const match = /^\/__(page|csp)(\/.*)$/.exec(context.path);
      const base = embedUrl();
      if (match === null || base === undefined) return undefined;
      const method = context.method;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(context.req);
      const headers = {};
      const type = context.get('content-type');
      if (type) headers['content-type'] = type;
      const upstream = await fetch(`${base}${match[2]}${context.querystring ? '?' + context.querystring : ''}`, { method, body, headers });
      const out = { 'cache-control': 'no-store', 'x-perch-upstream-status': String(upstream.status) };
      if (match[1] === 'csp') out['content-security-policy'] = STRICT_CSP;
      return { body: Buffer.from(await upstream.arrayBuffer()), type: upstream.headers.get('content-type') ?? 'application/octet-stream', headers: out };
    },
  };
}
