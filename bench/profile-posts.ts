/**
 * `npm run bench:profile`: where the time to render 50 posts goes. Perch's npm build, bundled
 * unminified (function names kept), renders 50 inline posts in Chromium under the CDP sampling
 * profiler (100 µs); samples are attributed to the innermost step on their stack: validation,
 * consent decision, language, `Intl`, impression observers, reserving height, template
 * instantiation, style adoption, Lit's update cycle, events; what matches none is "other script"
 * (and the browser's own style, layout and paint are "(program)" / "(garbage collector)").
 * Prints JSON: milliseconds per step for the page and per post, and the 25 heaviest functions by self time.
 * Env: CHROME_PATH, BENCH_RUNS (profiled renders, default 3; the first is a warm-up).
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, machine, round, startEmbedServer } from './timeline.bench.js';

const POSTS = 50;
const RUNS = Math.max(2, Number(process.env.BENCH_RUNS ?? 3));
const OUT = resolve('dist/bench-peers');

/** Steps of a post's path, by the functions that do them (first match from the leaf wins). */
const STEPS: Array<[string, RegExp]> = [
  ['validation', /^(parsePostResult|validate|parse[A-Z]|check[A-Z]|expect[A-Z]|safe(Url|Http))/],
  ['consent decision', /^(allows|getConsentCore|get allowed|allowed|effectiveDnt|firstPartyBeforeConsent|decide|merge|ConsentCore|ConsentController|hostConnected)/],
  ['language', /^(languageReady|loadLanguage|baseLanguage|msg|LanguageController|hostUpdate)$/],
  ['Intl', /^(formatTimestamp|compact|cachedFormatter|dateFormatter|DateTimeFormat|NumberFormat|format)$/],
  ['impression observers', /^(trackImpressions|trackRendered|enqueue|getObserver|listenVisibility|once|stop|startClock)$/],
  ['reserving height', /^(scheduleReserve|setReserve|flush|pastedReserve|estimatePostHeight|textLines|reserveEarly)$/],
  ['style adoption', /^(adoptStyles|createRenderRoot|attachShadow|finalizeStyles|getCompatibleStyle)$/],
  ['template instantiation', /^(render[A-Z]\w*|html|_clone|_\$clone|_commitTemplateResult|_\$getTemplate|Template|TemplateInstance|_insert|_commitNode|_commitText|_\$setValue|_commitValue|_\$resolve|_update|createElement|importNode|cloneNode)$/],
  ['Lit update cycle', /^(performUpdate|scheduleUpdate|requestUpdate|_\$changedProperty|update|updated|willUpdate|shouldUpdate|firstUpdated|connectedCallback|enableUpdating|_\$didUpdate)$/],
  ['events', /^(dispatchEvent|PerchRenderEvent|PerchLoadEvent)$/],
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  parent?: number;
  children?: number[];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const app = await build({ entryPoints: [resolve('dist/npm/define.js')], bundle: true, format: 'esm', keepNames: true, write: false, outfile: 'app.js', logLevel: 'silent' });
  writeFileSync(join(OUT, 'profile-app.js'), app.outputFiles[0]!.text);
  writeFileSync(join(OUT, 'profile.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>profile</title><script type="module" src="/dist/bench-peers/profile-app.js"></script></head><body><main id="root"></main></body></html>');
  const index = JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { posts: Array<{ id: string; file: string }> };
  const server = await startEmbedServer();
  const browser = await launchChromium();
  const before = machine();
  try {
    const ids = index.posts.filter((p) => !p.file.startsWith('tombstone')).map((p) => p.id);
    const models = ((await (await fetch(`${server.url}/v1/tweets?ids=${ids.join(',')}`)).json()) as { results: unknown[] }).results;
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${server.url}/dist/bench-peers/profile.html`);
    await page.waitForFunction(() => customElements.get('perch-tweet') !== undefined);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const totals = new Map<string, number>();
    const selfByFn = new Map<string, number>();
    let wallMs = 0;
    let profiled = 0;
    for (let run = 0; run < RUNS; run++) {
      // The previous run's posts go before the profiler starts: taking them down is not rendering.
      await page.evaluate(async () => {
        document.getElementById('root')!.replaceChildren();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      });
      await cdp.send('Profiler.start');
      const ms = await page.evaluate(async ({ models, n }) => {
        const host = document.getElementById('root')!;
        const t0 = performance.now();
        const rendered: Promise<unknown>[] = [];
        for (let i = 0; i < n; i++) {
          const el = document.createElement('perch-tweet');
          const script = document.createElement('script');
          script.type = 'application/json';
          script.textContent = JSON.stringify(models[i % models.length]);
          el.append(script);
          rendered.push(new Promise((r) => el.addEventListener('perch-render', r, { once: true })));
          host.append(el);
        }
        await Promise.all(rendered);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, { models, n: POSTS });
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      if (run === 0) continue; // warm-up: first use of every template and style
      profiled += 1;
      wallMs += ms;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const stepOf = new Map<number, string>();
      const step = (id: number): string => {
        const known = stepOf.get(id);
        if (known !== undefined) return known;
        const node = byId.get(id)!;
        const name = node.callFrame.functionName;
        const hit = STEPS.find(([, re]) => re.test(name))?.[0];
        const p = parent.get(id);
        const s = hit ?? (p === undefined ? (name.startsWith('(') ? name : 'other script') : step(p));
        stepOf.set(id, s === '(root)' ? (name.startsWith('(') ? name : 'other script') : s);
        return stepOf.get(id)!;
      };
      profile.samples.forEach((id, i) => {
        const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
        const s = step(id);
        totals.set(s, (totals.get(s) ?? 0) + dt);
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}`;
        selfByFn.set(key, (selfByFn.get(key) ?? 0) + dt);
      });
    }
    const per = (x: number): number => Math.round((x / profiled / POSTS) * 1000) / 1000;
    const steps = [...totals].sort((a, b) => b[1] - a[1]).map(([step, ms]) => ({ step, pageMs: round(ms / profiled), perPostMs: per(ms) }));
    const heaviest = [...selfByFn].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([fn, ms]) => ({ fn, selfMs: round(ms / profiled) }));
    console.log(JSON.stringify({ what: `${POSTS} inline posts rendered by the npm build, CPU profile (100 µs samples), mean of ${profiled} runs after a warm-up`, wallMs: round(wallMs / profiled), steps, heaviest, machine: { atStart: before, atEnd: machine() } }, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
