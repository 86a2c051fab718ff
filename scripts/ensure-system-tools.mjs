#!/usr/bin/env node
// Installs the system programs the tests drive for real (Chromium, Redis, ffmpeg, nginx, Hugo)
// from Debian's packages when they are missing. Needs root (or sudo) on Debian.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = [
  { bin: process.env.CHROME_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/redis-server', pkg: 'redis-server' },
  { bin: '/usr/bin/ffmpeg', pkg: 'ffmpeg' },
  { bin: process.env.NGINX_PATH ?? '/usr/sbin/nginx', pkg: 'nginx' },
  { bin: '/usr/bin/hugo', pkg: 'hugo' },
];

const missing = wanted.filter((w) => !existsSync(w.bin)).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const prefix = isRoot ? [] : ['sudo'];
if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
  console.error(`[perch] missing system packages: ${missing.join(', ')}. Install them with:\n  sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`[perch] installing ${missing.join(', ')} from Debian's packages…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => execFileSync(prefix[0] ?? args[0], prefix.length ? args : args.slice(1), { stdio: 'inherit', env });
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
