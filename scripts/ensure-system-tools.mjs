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
  // The WordPress plugin's tests (test/wordpress): core 6.1.9, a private MariaDB, PHP, zip.
  { bin: '/usr/share/wordpress/wp-settings.php', pkg: 'wordpress' },
  { bin: '/usr/sbin/mariadbd', pkg: 'mariadb-server' },
  { bin: '/usr/bin/php', pkg: 'php-cli' },
  { pkg: 'php-mysql', check: () => phpHas('mysqli') },
  { pkg: 'php-xml', check: () => phpHas('xml') },
  { pkg: 'php-mbstring', check: () => phpHas('mbstring') },
  { pkg: 'php-curl', check: () => phpHas('curl') },
  { bin: '/usr/bin/phpunit', pkg: 'phpunit' },
  { bin: '/usr/bin/zip', pkg: 'zip' },
  { bin: '/usr/bin/unzip', pkg: 'unzip' },
  { bin: '/usr/bin/hugo', pkg: 'hugo' },
  // The plugin's .pot (xgettext) and the WordPress bench's stand-in certificate (openssl).
  { bin: '/usr/bin/xgettext', pkg: 'gettext' },
  { bin: '/usr/bin/openssl', pkg: 'openssl' },
];

/** Whether PHP has an extension loaded (false when PHP itself is missing). */
function phpHas(ext) {
  const r = spawnSync('php', ['-m'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.split('\n').some((l) => l.trim().toLowerCase() === ext);
}

const missing = wanted.filter((w) => (w.check ? !w.check() : !existsSync(w.bin))).map((w) => w.pkg);
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
