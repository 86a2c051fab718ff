/**
 * A real WordPress for the plugin's tests: a private MariaDB, a scratch copy of a WordPress
 * core (Debian's 6.1.9 by default) with its own wp-config.php, `php -S` on a loopback port,
 * a site installed with `wp_install()`, and the plugin installed from the built zip.
 * Everything is started by the test and stopped by `stop()`; only loopback networking.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../support/processes.js';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = resolve(HERE, '../..');
/** The plugin zip `npm run build:wordpress` writes. */
export const PLUGIN_ZIP = join(ROOT, 'dist/perch-wordpress.zip');
/** Debian's WordPress 6.1.9. */
export const DEBIAN_CORE = '/usr/share/wordpress';

/** A PHP value a wp-config.php constant may take. */
export type ConstantValue = string | number | boolean;

/** How to start a site. */
export interface WordPressOptions {
  /** Folder holding a WordPress core (default Debian's 6.1.9). */
  core?: string;
  /** Plugin zip to unzip into wp-content/plugins (default the built Perch zip); null for none. */
  pluginZip?: string | null;
  /** Activate the plugin after unzipping it (default true). */
  activate?: boolean;
  /** Extra wp-config.php constants (e.g. `PERCH_EMBED_SERVER`). */
  constants?: Record<string, ConstantValue>;
  /** Extra plugin folders to copy into wp-content/plugins and activate (`name` → source folder). */
  extraPlugins?: Record<string, string>;
  /**
   * A subdirectory multisite network instead of a single site: the main site plus one site per
   * slug (at `/slug/`); the plugin is network-activated unless `networkActivate` is false.
   */
  multisite?: { sites: string[]; networkActivate?: boolean };
}

/** A site of a multisite network. */
export interface NetworkSite {
  /** Blog id. */
  id: number;
  /** Home URL without a trailing slash, e.g. `http://127.0.0.1:41234/site2`. */
  url: string;
}

/** A running site. */
export interface WordPress {
  /** Site URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Scratch folder: `wp/` (the site), `db/` (MariaDB), logs. */
  dir: string;
  /** WordPress's root folder. */
  root: string;
  /** On a multisite network: every site, the main site first. */
  sites?: NetworkSite[];
  /** Runs PHP with WordPress loaded (as a front-end request to `/`); resolves with its output. */
  php(code: string): Promise<string>;
  /** PHP errors logged so far (WP_DEBUG_LOG plus the PHP server's stderr). */
  errors(): string;
  /** PHP fatal errors anywhere, and warnings, notices and deprecations raised in the plugin's files. */
  pluginErrors(): string[];
  /** Logs in as `admin` and returns the cookies for a browser context or fetch. */
  loginCookies(): Promise<Array<{ name: string; value: string; url: string }>>;
  /** Stops PHP and MariaDB and removes the scratch folder. */
  stop(): Promise<void>;
}

/** Admin credentials of every test site. */
export const ADMIN = { user: 'admin', password: 'perch-test-password', email: 'admin@example.com' };

/**
 * Stops a child we started. A child started with `detached` leads its own process group
 * (php -S forks its workers into it): the whole group is signalled, and nothing else.
 */
function stopChild(child: ChildProcess, group = false): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (group && child.pid !== undefined) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (group) signal('SIGKILL'); // workers may outlive their parent
      return resolveStop();
    }
    child.once('exit', () => {
      if (group) signal('SIGKILL');
      resolveStop();
    });
    signal('SIGTERM');
    setTimeout(() => signal('SIGKILL'), 5000).unref();
  });
}

/** Starts a private MariaDB in `dir` on a free loopback port, with database `wp`. */
export async function startMariaDb(dir: string): Promise<{ port: number; child: ChildProcess; stop(): Promise<void> }> {
  const data = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { maxBuffer: 1 << 24 });
  const port = await freePort();
  // No grant tables: a scratch server on loopback for one test run; any user name works.
  const child = spawn(
    'mariadbd',
    ['--no-defaults', '--user=root', `--datadir=${data}`, `--socket=${join(dir, 'sock')}`, `--port=${port}`, '--bind-address=127.0.0.1', '--skip-grant-tables', '--skip-name-resolve', '--skip-log-bin', '--innodb-buffer-pool-size=32M', '--innodb-flush-log-at-trx-commit=0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((ready, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`mariadbd did not start:\n${log}`)), 30000);
    const onData = (d: Buffer): void => {
      log += d.toString();
      if (log.includes('ready for connections')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`mariadbd exited ${code}:\n${log}`));
    });
  });
  await run('mariadb', ['--protocol=tcp', '-h', '127.0.0.1', '-P', String(port), '-u', 'root', '-e', 'CREATE DATABASE wp CHARACTER SET utf8mb4']);
  return { port, child, stop: () => stopChild(child) };
}

function phpLiteral(value: ConstantValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function wpConfig(dbPort: number, url: string, dir: string, constants: Record<string, ConstantValue>, network = false): string {
  const all: Record<string, ConstantValue> = {
    DB_NAME: 'wp',
    DB_USER: 'root',
    DB_PASSWORD: '',
    DB_HOST: `127.0.0.1:${dbPort}`,
    DB_CHARSET: 'utf8mb4',
    DB_COLLATE: '',
    WP_HOME: url,
    WP_SITEURL: url,
    WP_HTTP_BLOCK_EXTERNAL: true,
    AUTOMATIC_UPDATER_DISABLED: true,
    WP_AUTO_UPDATE_CORE: false,
    DISABLE_WP_CRON: true,
    WP_DEBUG: true,
    WP_DEBUG_LOG: join(dir, 'debug.log'),
    WP_DEBUG_DISPLAY: false,
    SCRIPT_DEBUG: false,
    ...Object.fromEntries(['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE'].flatMap((k) => [[`${k}_KEY`, `perch-test-${k}-key`], [`${k}_SALT`, `perch-test-${k}-salt`]])),
    ...constants,
  };
  if (network) {
    // Every site of a network has its own home URL: the single-site constants would pin them all to the main site.
    delete all.WP_HOME;
    delete all.WP_SITEURL;
  }
  const lines = Object.entries(all).map(([k, v]) => `if ( ! defined( '${k}' ) ) { define( '${k}', ${phpLiteral(v)} ); }`);
  return `<?php\n// Written by the test harness.\n${lines.join('\n')}\n$table_prefix = 'wp_';\nif ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }\nrequire_once ABSPATH . 'wp-settings.php';\n`;
}

/** Starts `php -S` for `root` on a free port and waits until it answers. */
async function startPhpServer(root: string, port: number, logFile: string): Promise<ChildProcess> {
  const child = spawn('php', ['-d', 'display_errors=stderr', '-d', 'memory_limit=256M', '-S', `127.0.0.1:${port}`, '-t', root, join(HERE, 'router.php')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    // Several workers, so the editor's parallel requests and loopback requests do not queue behind each other.
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  child.stderr?.on('data', (d: Buffer) => {
    const text = d.toString().split('\n').filter((l) => l !== '' && !/ (Accepted|Closing|\[\d{3}\]: )/.test(l)).join('\n');
    if (text !== '') writeFileSync(logFile, text + '\n', { flag: 'a' });
  });
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/readme.html`);
      return child;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`php -S did not start: ${readFileSync(logFile, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts a fresh WordPress with the plugin installed from its zip and activated. */
export async function startWordPress(options: WordPressOptions = {}): Promise<WordPress> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-wp-site-'));
  const root = join(dir, 'wp');
  const logFile = join(dir, 'php-server.log');
  writeFileSync(logFile, '');
  let db: Awaited<ReturnType<typeof startMariaDb>> | undefined;
  let php: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    if (php !== undefined) await stopChild(php, true);
    if (db !== undefined) await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db = await startMariaDb(join(dir, 'db'));
    cpSync(options.core ?? DEBIAN_CORE, root, { recursive: true, verbatimSymlinks: true });
    for (const debianOnly of ['.htaccess', 'wp-config.php']) rmSync(join(root, debianOnly), { force: true });
    mkdirSync(join(root, 'wp-content/themes/perch-test'), { recursive: true });
    mkdirSync(join(root, 'wp-content/plugins'), { recursive: true });
    mkdirSync(join(root, 'wp-content/uploads'), { recursive: true });
    cpSync(join(HERE, 'theme'), join(root, 'wp-content/themes/perch-test'), { recursive: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const network = options.multisite !== undefined;
    writeFileSync(join(root, 'wp-config.php'), wpConfig(db.port, url, dir, { ...(network ? { WP_ALLOW_MULTISITE: true } : {}), ...options.constants }, network));

    const runPhp = async (code: string, installing = false): Promise<string> => {
      const file = join(dir, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}.php`);
      writeFileSync(
        file,
        `<?php\n$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';\n$_SERVER['SERVER_NAME'] = '127.0.0.1';\n$_SERVER['SERVER_PORT'] = '${port}';\n$_SERVER['REQUEST_URI'] = '/';\n$_SERVER['REQUEST_METHOD'] = 'GET';\n${installing ? "define( 'WP_INSTALLING', true );\n" : ''}require ${phpLiteral(join(root, 'wp-load.php'))};\nrequire_once ABSPATH . 'wp-admin/includes/plugin.php';\nrequire_once ABSPATH . 'wp-admin/includes/upgrade.php';\n${code}\n`,
      );
      try {
        const { stdout } = await run('php', ['-d', 'display_errors=stderr', file], { cwd: root, maxBuffer: 1 << 26 });
        return stdout;
      } catch (e) {
        const err = e as { stderr?: string; stdout?: string; message: string };
        throw new Error(`PHP failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
      } finally {
        rmSync(file, { force: true });
      }
    };

    await runPhp(
      `wp_install( 'Perch test site', ${phpLiteral(ADMIN.user)}, ${phpLiteral(ADMIN.email)}, true, '', wp_slash( ${phpLiteral(ADMIN.password)} ) );
       update_option( 'permalink_structure', '/%postname%/' );
       update_option( 'template', 'perch-test' );
       update_option( 'stylesheet', 'perch-test' );
       echo 'installed';`,
      true,
    );
    await runPhp(`flush_rewrite_rules( false );`);
    let sites: NetworkSite[] | undefined;
    if (options.multisite !== undefined) {
      sites = await installNetwork(runPhp, { root, dir, dbPort: db.port, port, url, constants: options.constants ?? {}, slugs: options.multisite.sites });
    }

    const zip = options.pluginZip === undefined ? PLUGIN_ZIP : options.pluginZip;
    if (zip !== null) {
      if (!existsSync(zip)) throw new Error(`${zip} is missing: run \`npm run build:wordpress\` first`);
      await run('unzip', ['-q', '-o', zip, '-d', join(root, 'wp-content/plugins')]);
    }
    for (const [name, source] of Object.entries(options.extraPlugins ?? {})) {
      cpSync(source, join(root, 'wp-content/plugins', name), { recursive: true });
    }
    const toActivate = [...(zip !== null && options.activate !== false ? ['perch/perch.php'] : []), ...Object.keys(options.extraPlugins ?? {}).map((n) => `${n}/${n}.php`)];
    const networkWide = options.multisite !== undefined && options.multisite.networkActivate !== false;
    for (const plugin of toActivate) {
      const out = await runPhp(`$r = activate_plugin( ${phpLiteral(plugin)}, '', ${networkWide ? 'true' : 'false'} ); echo is_wp_error( $r ) ? 'ERROR ' . $r->get_error_message() : 'active';`);
      if (!out.includes('active') || out.includes('ERROR')) throw new Error(`activating ${plugin} failed: ${out}`);
    }

    php = await startPhpServer(root, port, logFile);
    const site: WordPress = {
      url,
      dir,
      root,
      ...(sites !== undefined ? { sites } : {}),
      php: (code) => runPhp(code),
      errors: () => [join(dir, 'debug.log'), logFile].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : '')).join(''),
      pluginErrors: () =>
        site
          .errors()
          .split('\n')
          .filter((l) => /PHP (Fatal|Parse) error/.test(l) || (/PHP (Warning|Notice|Deprecated)/.test(l) && l.includes('/plugins/perch/'))),
      loginCookies: async () => {
        const res = await fetch(`${url}/wp-login.php`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
          body: new URLSearchParams({ log: ADMIN.user, pwd: ADMIN.password, 'wp-submit': 'Log In', testcookie: '1', redirect_to: `${url}/wp-admin/` }).toString(),
        });
        const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter((c) => c.includes('='));
        if (!cookies.some((c) => c.startsWith('wordpress_logged_in_'))) throw new Error(`login failed: HTTP ${res.status}`);
        return cookies.map((c) => {
          const i = c.indexOf('=');
          return { name: c.slice(0, i), value: c.slice(i + 1), url };
        });
      },
      stop,
    };
    return site;
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Turns the freshly installed single site into a subdirectory multisite network (what Tools →
 * Network Setup does: `install_network()`, `populate_network()`, then the MULTISITE constants
 * in wp-config.php) and creates a site per slug with `wpmu_create_blog()`.
 */
async function installNetwork(
  runPhp: (code: string, installing?: boolean) => Promise<string>,
  at: { root: string; dir: string; dbPort: number; port: number; url: string; constants: Record<string, ConstantValue>; slugs: string[] },
): Promise<NetworkSite[]> {
  const domain = `127.0.0.1:${at.port}`;
  const out = await runPhp(
    `require_once ABSPATH . 'wp-admin/includes/network.php';
     // As wp-admin/network.php does: the network's global tables get their names before they exist.
     foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) { $wpdb->$table = $prefixed; }
     install_network();
     $r = populate_network( 1, ${phpLiteral(domain)}, ${phpLiteral(ADMIN.email)}, 'Perch test network', '/', false );
     echo is_wp_error( $r ) ? 'ERROR ' . $r->get_error_message() : 'network';`,
  );
  if (!out.includes('network') || out.includes('ERROR')) throw new Error(`network install failed: ${out}`);
  writeFileSync(
    join(at.root, 'wp-config.php'),
    wpConfig(at.dbPort, at.url, at.dir, { WP_ALLOW_MULTISITE: true, MULTISITE: true, SUBDOMAIN_INSTALL: false, DOMAIN_CURRENT_SITE: domain, PATH_CURRENT_SITE: '/', SITE_ID_CURRENT_SITE: 1, BLOG_ID_CURRENT_SITE: 1, ...at.constants }, true),
  );
  const created = await runPhp(
    `$ids = array( 1 );
     foreach ( ${'array(' + at.slugs.map((s) => phpLiteral(s)).join(', ') + ')'} as $slug ) {
       $id = wpmu_create_blog( ${phpLiteral(domain)}, '/' . $slug . '/', 'Site ' . $slug, 1 );
       if ( is_wp_error( $id ) ) { echo 'ERROR ' . $id->get_error_message(); exit; }
       $ids[] = (int) $id;
       // wp_insert_site() drops the port from the domain (sanitize_user): put it back.
       $wpdb->update( $wpdb->blogs, array( 'domain' => ${phpLiteral(domain)} ), array( 'blog_id' => $id ) );
       clean_blog_cache( $id );
       update_blog_option( $id, 'home', ${phpLiteral(at.url)} . '/' . $slug );
       update_blog_option( $id, 'siteurl', ${phpLiteral(at.url)} . '/' . $slug );
     }
     update_blog_option( 1, 'home', ${phpLiteral(at.url)} );
     update_blog_option( 1, 'siteurl', ${phpLiteral(at.url)} );
     foreach ( $ids as $id ) {
       switch_to_blog( $id );
       update_option( 'permalink_structure', '/%postname%/' );
       update_option( 'template', 'perch-test' );
       update_option( 'stylesheet', 'perch-test' );
       delete_option( 'rewrite_rules' ); // rebuilt on the site's next request
       restore_current_blog();
     }
     echo wp_json_encode( array_map( fn( $id ) => array( 'id' => $id, 'url' => untrailingslashit( get_home_url( $id ) ) ), $ids ) );`,
  );
  if (created.includes('ERROR') || !created.startsWith('[')) throw new Error(`creating sites failed: ${created.slice(0, 2000)}`);
  return JSON.parse(created) as NetworkSite[];
}

/** Creates and publishes a post (or page) with `content`; resolves with its URL. */
export async function publishPost(site: WordPress, title: string, content: string, type: 'post' | 'page' = 'post'): Promise<{ id: number; url: string }> {
  const out = await site.php(
    // As the administrator, as an editor would (content keeps what an admin may post, e.g. X's script tag).
    `wp_set_current_user( 1 );
     $id = wp_insert_post( array( 'post_title' => ${phpLiteral(title)}, 'post_content' => ${phpLiteral(content)}, 'post_status' => 'publish', 'post_type' => ${phpLiteral(type)}, 'post_author' => 1 ), true );
     if ( is_wp_error( $id ) ) { echo 'ERROR ' . $id->get_error_message(); } else { echo wp_json_encode( array( 'id' => $id, 'url' => get_permalink( $id ) ) ); }`,
  );
  if (out.startsWith('ERROR')) throw new Error(out);
  return JSON.parse(out) as { id: number; url: string };
}

/** WordPress 6.5.5 from `@wp-playground/wordpress-builds` (a zip of core; its editor scripts are stripped). */
export const PLAYGROUND_65_ZIP = join(ROOT, 'node_modules/@wp-playground/wordpress-builds/src/wordpress/wp-6.5.zip');

/** Unzips a WordPress core zip into a scratch folder; remove it with the returned `remove()`. */
export async function unpackCore(zip: string): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-wp-core-'));
  await run('unzip', ['-q', zip, '-d', dir]);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Quotes a string as a PHP single-quoted literal (for `site.php()` code). */
export function php(value: ConstantValue): string {
  return phpLiteral(value);
}
