/**
 * The set-up every packaged integration's test shares: a scratch folder, the example app with the
 * packed packages installed, the embed server on a loopback port, Chromium, and the static sites
 * opened along the way, all started in `before` and stopped in `after` of the calling test file.
 */
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, prepare, type Tool } from './builders.ts';
import { embedServer, launchChromium, serveStatic, type RunningServer, type StaticSite } from './sites.ts';

/** A build of the example site: its output folder and the tool's log. */
export interface SiteBuild {
  out: string;
  log: string;
}

/** What a test file gets from {@link useExampleSite}; read its members inside tests, after `before` ran. */
export interface ExampleSite {
  /** The scratch folder, removed after the file's tests. */
  readonly work: string;
  /** The running embed server. */
  readonly server: RunningServer;
  /** The shared Chromium. */
  readonly browser: Browser;
  /** Builds the example into `work/name` with the given environment (PERCH_SERVER, PERCH_CONSENT, PERCH_CHILD_DIRECTED). */
  build(name: string, env: Record<string, string>): Promise<SiteBuild>;
  /** The example built against the running embed server, once, for the tests that only read it. */
  mainBuild(): Promise<SiteBuild>;
  /** Serves a built folder over loopback until the file's tests end. */
  open(out: string): Promise<StaticSite>;
}

/** Registers the file's `before`/`after` hooks for `tool` and answers the shared set-up. */
export function useExampleSite(tool: Tool): ExampleSite {
  let work = '';
  let app = '';
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let main: Promise<SiteBuild> | undefined;
  const sites: StaticSite[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };

  const site: ExampleSite = {
    get work() {
      return work;
    },
    get server() {
      return ready(server, 'the embed server');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
    async build(name, env) {
      const out = join(work, name);
      return { out, log: await buildSite(tool, app, out, env) };
    },
    mainBuild() {
      return (main ??= site.build('main', { PERCH_SERVER: site.server.url }));
    },
    async open(out) {
      const s = await serveStatic(out);
      sites.push(s);
      return s;
    },
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), `perch-${tool}-`));
    app = await prepare(tool, work);
    server = await embedServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  return site;
}
