/**
 * Building each example site with its real tool, as the tests and the bench do: Hugo from the
 * repository's folders, Eleventy, Astro and Next.js from an app folder holding the packed packages.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installPacked } from './packed.ts';
import { ROOT } from './sites.ts';

const run = promisify(execFile);

export type Tool = 'hugo' | 'eleventy' | 'astro' | 'nextjs';

/** The page of each example site that holds the two posts. */
export const POST_PAGE: Record<Tool, string> = { hugo: '/posts/perch/', eleventy: '/', astro: '/', nextjs: '/' };

const TOOLS: Record<Exclude<Tool, 'hugo'>, string[]> = { eleventy: [], astro: ['astro'], nextjs: ['next', 'react', 'react-dom'] };

/** Where a tool's example is built from: the repository's folder (Hugo) or a fresh app with the packed packages. */
export async function prepare(tool: Tool, work: string): Promise<string> {
  if (tool === 'hugo') return join(ROOT, 'cms/hugo/example');
  const app = join(work, `${tool}-site`);
  mkdirSync(app, { recursive: true });
  await installPacked(`cms/${tool}`, app, work, TOOLS[tool]);
  cpSync(join(ROOT, `cms/${tool}/example`), app, { recursive: true });
  return app;
}

/**
 * Build the example in `source` into `out` with `env` (PERCH_SERVER, PERCH_CONSENT,
 * PERCH_CHILD_DIRECTED; for Hugo the same keys become [params.perch]); answers the tool's log.
 */
export async function buildSite(tool: Tool, source: string, out: string, env: Record<string, string>): Promise<string> {
  const opts = { cwd: source, env: { ...process.env, ...env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' }, maxBuffer: 16 * 1024 * 1024 };
  let r: { stdout: string; stderr: string };
  if (tool === 'hugo') {
    const override = `${out}.toml`;
    const params = [`server = "${env.PERCH_SERVER ?? ''}"`, `consent = "${env.PERCH_CONSENT ?? 'required'}"`, `childDirected = ${env.PERCH_CHILD_DIRECTED === 'on'}`];
    writeFileSync(override, `[params.perch]\n${params.join('\n')}\n`);
    r = await run('hugo', ['--source', source, '--destination', out, '--cacheDir', `${out}-cache`, '--config', `hugo.toml,${override}`], opts);
  } else if (tool === 'eleventy') {
    r = await run(process.execPath, [join(ROOT, 'node_modules/@11ty/eleventy/cmd.cjs'), '--input=.', `--output=${out}`], opts);
  } else if (tool === 'astro') {
    r = await run(process.execPath, [join(source, 'node_modules/astro/astro.js'), 'build', '--outDir', out], opts);
  } else {
    rmSync(join(source, '.next'), { recursive: true, force: true });
    r = await run(process.execPath, [join(source, 'node_modules/next/dist/bin/next'), 'build'], { ...opts, env: { ...opts.env, NODE_ENV: 'production' } });
    renameSync(join(source, 'out'), out);
  }
  return r.stdout + r.stderr;
}
