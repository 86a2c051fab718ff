/**
 * `npm run bench:profile-timeline`: where the time goes while scrolling 1,000 posts in
 * `<perch-timeline>` (the npm build, bundled unminified so functions keep their names): a Chromium
 * trace and CPU profile of mouse-wheel scrolling, as bench/timeline.bench.ts scrolls. Prints JSON:
 * the main thread's tasks (wall and thread time), thread time by trace event (script, style,
 * layout, paint…), the long (> 50 ms) tasks broken down, and the heaviest functions.
 * Env: CHROME_PATH, STEPS (wheel steps, default 150).
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, machine, openPage, round, startEmbedServer } from './timeline.bench.js';
import { timelinePage } from '../test/browser/support/timeline-pages.js';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
const OUT = resolve('dist/bench-peers');

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; cat: string; args?: Record<string, unknown> }

const STEPS = Number(process.env.STEPS ?? 150);
const KINDS: Array<[string, RegExp]> = [
  ['script', /^(FunctionCall|EvaluateScript|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.run)$/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation)$/],
  ['layout', /^(Layout|UpdateLayerTree|IntersectionObserverController::computeIntersections|ResizeObserverController::DeliverObservations)$/],
  ['paint', /^(Paint|PaintImage|CompositeLayers|Layerize|PrePaint|Commit)$/],
];

async function main(): Promise<void> {
  // The timeline from the npm build, bundled unminified with names kept, so the profile names functions.
  mkdirSync(OUT, { recursive: true });
  const app = await build({ entryPoints: [resolve('dist/npm/timeline/timeline.js')], bundle: true, format: 'esm', keepNames: true, write: false, outfile: 'app.js', logLevel: 'silent' });
  writeFileSync(join(OUT, 'profile-timeline.js'), app.outputFiles[0]!.text);
  const server = await startEmbedServer();
  const browser = await launchChromium();
  const before = machine();
  try {
    const p = await openPage(browser, server, '/bench/timeline-1000.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>#host{width:550px;margin:20px}</style></head><body><div id="host"></div></body></html>');
    await p.evaluate(async (chunk) => {
      await import(chunk);
    }, '/dist/bench-peers/profile-timeline.js');
    await p.evaluate((d) => {
      const el = document.createElement('perch-timeline') as HTMLElement & { data: unknown };
      el.setAttribute('height', '600');
      el.data = d;
      document.getElementById('host')!.append(el);
    }, timelinePage(1000));
    await p.waitForFunction(() => document.querySelector('perch-timeline')?.shadowRoot?.querySelector('article.item .post') != null);
    await p.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
    const box = await p.evaluate(() => {
      const r = document.querySelector('perch-timeline')!.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + Math.min(r.height / 2, 300) };
    });
    await p.mouse.move(box.x, box.y);
    const cdp = await p.context().newCDPSession(p);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
    for (let i = 0; i < STEPS; i++) {
      await p.mouse.wheel(0, 600);
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    }
    await cdp.send('Tracing.end');
    await done;
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const selfMs = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber}`;
      selfMs.set(key, (selfMs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    // Inclusive time of a few functions of interest.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const inclusive = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)!.callFrame.functionName;
        if (name === '' || seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      }
    });
    // The renderer main thread: where the FunctionCall events of the page run.
    const main = events.find((e) => e.name === 'FireAnimationFrame' || e.name === 'FunctionCall');
    const onMain = events.filter((e) => main !== undefined && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
    const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    const summary = (task: TraceEvent): Record<string, number | string> => {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
      const by: Record<string, number> = {};
      const names: Record<string, number> = {};
      for (const e of inside) {
        const kind = KINDS.find(([, re]) => re.test(e.name))?.[0];
        names[e.name] = (names[e.name] ?? 0) + (e.dur ?? 0) / 1000;
        if (kind === undefined) continue;
        // Count only outermost events of a kind.
        const nested = inside.some((o) => o !== e && KINDS.find(([, re]) => re.test(o.name))?.[0] === kind && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur! && o.dur! > e.dur!);
        if (!nested) by[kind] = (by[kind] ?? 0) + (e.dur ?? 0) / 1000;
      }
      const top = Object.entries(names).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, ms]) => `${n} ${round(ms)}`).join(', ');
      return { wallMs: round(task.dur! / 1000), cpuMs: round((task.tdur ?? 0) / 1000), ...Object.fromEntries(Object.entries(by).map(([k, v]) => [k, round(v)])), top };
    };
    const long = tasks.filter((t) => t.dur! > 50_000);
    // Thread (CPU) time by event name, over all tasks (events nest: the names overlap).
    const cpuByName = new Map<string, number>();
    for (const e of onMain) if (e.tdur !== undefined) cpuByName.set(e.name, (cpuByName.get(e.name) ?? 0) + e.tdur / 1000);
    const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000).sort((a, b) => b - a);
    console.log(JSON.stringify({
      steps: STEPS,
      tasks: tasks.length,
      totalWallMs: round(tasks.reduce((a, t) => a + t.dur! / 1000, 0)),
      totalCpuMs: round(cpu.reduce((a, b) => a + b, 0)),
      top10CpuMs: cpu.slice(0, 10).map(round),
      tasksOver8msCpu: cpu.filter((c) => c > 8).length,
      tasksOver4msCpu: cpu.filter((c) => c > 4).length,
      longTasks: long.length,
      cpuMsByEvent: Object.fromEntries([...cpuByName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => [k, round(v)])),
      longTaskBreakdown: long.filter((t) => t.name === 'ThreadControllerImpl::RunTask').slice(0, 6).map(summary),
      heaviestCpu: [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 8).map(summary),
      selfMsTop: [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${round(v)} ${k}`),
      inclusiveMsTop: [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${round(v)} ${k}`),
      machine: { atStart: before, atEnd: machine() },
    }, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
