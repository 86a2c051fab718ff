/**
 * An integration as a publisher installs it: `npm pack` of perch-widgets and of the integration's
 * own package, then `npm install --offline` of both tarballs into an empty app folder (every
 * dependency comes from the npm cache the repository's own install filled; peers are left out:
 * the tool itself is the repository's devDependency).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './sites.ts';

const run = promisify(execFile);

/** npm in a child process, without the npm_* settings of a parent `npm run`. */
export async function npm(args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const { stdout, stderr } = await run('npm', args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
  return `${stdout}\n${stderr}`;
}

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * A package-lock.json for the app, pinned to what the repository itself installed (so every tarball
 * is in the npm cache and `--offline` needs no registry), with the two local tarballs.
 */
function appLock(locals: Array<{ tarball: string; manifest: Manifest }>): object {
  const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const localNames = new Set(locals.map((l) => l.manifest.name));
  const packages: Record<string, LockEntry> = {};
  /** Add `name` as needed by the package at `from` (a lock key), where npm would find it: nested first, then hoisted. */
  const add = (name: string, from = ''): void => {
    if (localNames.has(name)) return;
    let key = '';
    for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
      if (repoLock.packages[candidate] !== undefined) {
        key = candidate;
        break;
      }
      if (dir === '') break;
    }
    if (key === '') throw new Error(`${name} is not in the repository's package-lock.json`);
    if (packages[key] !== undefined) return;
    const entry = repoLock.packages[key] as LockEntry;
    const { version, resolved, integrity, license, dependencies, peerDependencies, peerDependenciesMeta } = entry;
    const url = resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop() ?? name}-${version}.tgz`;
    packages[key] = { version, resolved: url, integrity, license, dependencies, peerDependencies, peerDependenciesMeta };
    for (const dep of Object.keys(dependencies ?? {})) add(dep, key);
    for (const peer of Object.keys(peerDependencies ?? {})) if (peerDependenciesMeta?.[peer]?.optional !== true) add(peer, key);
  };
  const local: Record<string, LockEntry> = {};
  const rootDeps: Record<string, string> = {};
  for (const { tarball, manifest } of locals) {
    rootDeps[manifest.name] = `file:${tarball}`;
    local[`node_modules/${manifest.name}`] = { version: manifest.version, resolved: `file:${tarball}`, license: 'MIT', dependencies: manifest.dependencies, peerDependencies: manifest.peerDependencies, peerDependenciesMeta: manifest.peerDependenciesMeta };
    for (const dep of Object.keys(manifest.dependencies ?? {})) add(dep);
  }
  return { name: 'perch-site', lockfileVersion: 3, requires: true, packages: { '': { name: 'perch-site', dependencies: rootDeps }, ...local, ...packages } };
}

/** `npm pack` of the package in `dir` into `dest`; answers the tarball's path. */
export async function pack(dir: string, dest: string): Promise<string> {
  const out = await npm(['pack', '--json', '--pack-destination', dest], dir);
  const [result] = JSON.parse(out.slice(out.indexOf('['), out.lastIndexOf(']') + 1)) as Array<{ filename: string }>;
  if (result === undefined) throw new Error(`npm pack gave nothing in ${dir}`);
  return join(dest, result.filename);
}

let widgets: Promise<string> | undefined;

/**
 * An app folder holding perch-widgets and the integration in `integrationDir` installed from their
 * tarballs, and `tools` linked from the repository's node_modules. Needs `npm run build` (dist/).
 */
export async function installPacked(integrationDir: string, app: string, work: string, tools: string[] = []): Promise<string> {
  widgets ??= pack(ROOT, work);
  const locals = [
    { tarball: await widgets, manifest: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest },
    { tarball: await pack(join(ROOT, integrationDir), work), manifest: JSON.parse(readFileSync(join(ROOT, integrationDir, 'package.json'), 'utf8')) as Manifest },
  ];
  const lock = appLock(locals) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'perch-site', private: true, type: 'module', dependencies: lock.packages['']?.dependencies }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
  const log = await npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps'], app);
  // The tool (and what it must share one copy of, like React) is the repository's own devDependency.
  for (const name of tools) {
    const link = join(app, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  return log;
}
