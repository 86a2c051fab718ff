// custom-elements.json: generated from the elements' JSDoc by `npm run build:manifest`
// (part of `npm run build`) and published with the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
  attribute?: string;
  fieldName?: string;
  kind?: string;
}
interface Declaration extends Named {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  members?: Named[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: Array<{ kind: string; name: string; declaration: { name: string; module?: string } }>;
}
interface Manifest {
  schemaVersion: string;
  modules: Module[];
}

const MANIFEST = 'custom-elements.json';

function readManifest(): Manifest {
  assert.ok(existsSync(MANIFEST), `${MANIFEST} is missing: run \`npm run build\` (or \`npm run build:manifest\`) first`);
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
}

function elements(manifest: Manifest): Map<string, { decl: Declaration; module: string }> {
  const found = new Map<string, { decl: Declaration; module: string }>();
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl.tagName !== undefined) found.set(decl.tagName, { decl, module: mod.path });
    }
  }
  return found;
}

/** Every tag registered in src/ through `defineElement('perch-…', …)`. */
function definedTags(): string[] {
  const tags: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/defineElement\(\s*['"`](perch-[a-z0-9-]+)['"`]/g)) tags.push(m[1] as string);
      }
    }
  };
  walk('src');
  return [...new Set(tags)].sort();
}

const names = (list: Named[] | undefined): string[] => (list ?? []).map((x) => x.name);

test('package.json points its customElements field at the published manifest', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { customElements?: string; files?: string[]; scripts?: Record<string, string> };
  assert.equal(pkg.customElements, MANIFEST);
  assert.ok(pkg.files?.includes(MANIFEST), 'the manifest is in "files", so npm publishes it');
  assert.match(pkg.scripts?.build ?? '', /build:manifest/, '`npm run build` regenerates the manifest');
  assert.match(readManifest().schemaVersion, /^\d+\.\d+\.\d+$/);
});

test('every tag registered with defineElement( in src/ is in the manifest, with its registering module', () => {
  const manifest = readManifest();
  const tags = definedTags();
  assert.ok(tags.includes('perch-tweet') && tags.includes('perch-timeline'), `found ${tags.join(', ')}`);
  const found = elements(manifest);
  const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name));
  for (const tag of tags) {
    assert.ok(found.has(tag), `<${tag}> has a class declaration with its tagName (rebuild the manifest after adding an element)`);
    assert.ok(definitions.includes(tag), `<${tag}> has a custom-element-definition export`);
  }
  // nothing but real tags: no definitions inferred from helpers' variables
  for (const name of definitions) assert.match(name, /^perch-[a-z0-9-]+$/);
});

test('the manifest points at the published JavaScript, not the TypeScript sources', () => {
  const manifest = readManifest();
  for (const mod of manifest.modules) assert.match(mod.path, /^dist\/npm\/.+\.js$/, mod.path);
  for (const [tag, { module }] of elements(manifest)) {
    if (existsSync('dist/npm')) assert.ok(existsSync(module), `<${tag}>'s module ${module} exists in the build`);
  }
});

test('<perch-tweet> lists its attributes, properties, events, slot, CSS parts and custom properties', () => {
  const tweet = elements(readManifest()).get('perch-tweet')?.decl;
  assert.ok(tweet !== undefined);
  assert.equal(tweet.name, 'PerchTweet');
  const attributes = names(tweet.attributes);
  for (const a of ['tweet-id', 'theme', 'width', 'align', 'dnt', 'hide-cards', 'hide-thread', 'server', 'loading', 'swap', 'time-zone']) {
    assert.ok(attributes.includes(a), `attribute ${a} (got ${attributes.join(', ')})`);
  }
  const tweetId = tweet.attributes?.find((a) => a.name === 'tweet-id');
  assert.equal(tweetId?.fieldName, 'tweetId');
  assert.equal(tweetId?.description, "The post's numeric id.");
  const data = tweet.members?.find((m) => m.name === 'data');
  assert.equal(data?.type?.text, 'PostResult | undefined', 'the inline-data property is documented');

  assert.deepEqual(
    (tweet.events ?? []).map((e) => [e.name, e.type?.text]),
    [
      ['perch-load', 'PerchLoadEvent'],
      ['perch-render', 'PerchRenderEvent'],
      ['perch-error', 'PerchErrorEvent'],
    ],
  );
  for (const e of tweet.events ?? []) assert.ok((e.description ?? '').length > 0, `${e.name} is described`);
  assert.deepEqual(names(tweet.slots), ['']);
  const parts = names(tweet.cssParts);
  for (const p of ['base', 'header', 'avatar', 'name', 'handle', 'body', 'text', 'media', 'quoted', 'card', 'poll', 'footer', 'actions', 'tombstone', 'message']) {
    assert.ok(parts.includes(p), `part ${p}`);
  }
  const props = names(tweet.cssProperties);
  for (const p of ['--perch-background', '--perch-color', '--perch-link-color', '--perch-border-color', '--perch-font-family', '--perch-radius']) {
    assert.ok(props.includes(p), `custom property ${p}`);
  }
});

test('<perch-timeline>, <perch-consent-settings> and <perch-disclosure> are described too', () => {
  const found = elements(readManifest());
  const timeline = found.get('perch-timeline')?.decl;
  assert.ok(timeline !== undefined);
  const attributes = names(timeline.attributes);
  for (const a of ['screen-name', 'user-id', 'list-id', 'owner-screen-name', 'slug', 'tweet-limit', 'height', 'chrome', 'theme', 'refresh-seconds', 'live-region']) {
    assert.ok(attributes.includes(a), `timeline attribute ${a}`);
  }
  assert.deepEqual(names(timeline.events).sort(), ['perch-error', 'perch-load', 'perch-new-posts', 'perch-render']);
  assert.ok(names(timeline.cssParts).includes('viewport'));
  assert.deepEqual(names(found.get('perch-consent-settings')?.decl.cssParts), ['base', 'state', 'actions']);
  assert.deepEqual(names(found.get('perch-disclosure')?.decl.cssParts), ['base', 'text', 'list']);
});

test('every event of every element is a documented perch-* event (no names guessed from constructor arguments)', () => {
  for (const [tag, { decl }] of elements(readManifest())) {
    for (const e of decl.events ?? []) {
      assert.match(e.name, /^perch-[a-z-]+$/, `<${tag}> event ${e.name}`);
      assert.ok((e.description ?? '').length > 0, `<${tag}> event ${e.name} has a description (@fires)`);
    }
  }
});

test('every element in the manifest has a React wrapper in perch-widgets/react', () => {
  const index = readFileSync('src/react/index.ts', 'utf8');
  const wrapped = new Set<string>();
  for (const entry of readdirSync('src/react')) {
    const source = readFileSync(join('src/react', entry), 'utf8');
    const module = `./${entry.replace(/\.ts$/, '.js')}`;
    if (!index.includes(`'${module}'`)) continue; // only modules re-exported by the index count
    for (const m of source.matchAll(/tagName:\s*'(perch-[a-z0-9-]+)'/g)) wrapped.add(m[1] as string);
  }
  const missing = [...elements(readManifest()).keys()].filter((tag) => !wrapped.has(tag));
  assert.deepEqual(missing, [], 'add a wrapper in src/react and export it from src/react/index.ts');
});

test('the manifest describes API only: no CSS, no private, protected, underscored or state members', () => {
  const manifest = readManifest();
  const text = JSON.stringify(manifest);
  for (const css of [':host', 'css`', '--_bg: var(', 'color-scheme:']) assert.ok(!text.includes(css), `no CSS in the manifest (found ${css})`);
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      const value = (decl as Declaration & { default?: unknown }).default;
      assert.ok(typeof value !== 'string' || value.length <= 80, `${mod.path} ${decl.name}: no code as a default value`);
      for (const m of decl.members ?? []) {
        const member = m as Named & { privacy?: string; static?: boolean; default?: string; state?: boolean };
        const where = `${decl.name}.${member.name}`;
        assert.ok(member.privacy !== 'private' && member.privacy !== 'protected', `${where} is ${member.privacy ?? ''}`);
        assert.doesNotMatch(member.name, /^[_#]/, where);
        assert.ok(!(member.static === true && ['styles', 'properties'].includes(member.name)), `${where}: Lit plumbing`);
        assert.ok(member.default === undefined || member.default.length <= 80, `${where}: no code as a default value`);
      }
    }
  }
  const tweet = elements(manifest).get('perch-tweet')?.decl;
  const members = names(tweet?.members);
  for (const internal of ['result', 'failure', 'consent', 'language', 'requested', 'load', 'render', 'updated']) assert.ok(!members.includes(internal), `PerchTweet.${internal} is internal`);
  for (const api of ['tweetId', 'theme', 'hideCards', 'hideThread', 'dnt', 'data']) assert.ok(members.includes(api), `PerchTweet.${api} is API`);
  const follow = elements(manifest).get('perch-follow-button')?.decl;
  assert.ok(names(follow?.attributes).includes('hide-screen-name'), 'hide-screen-name on <perch-follow-button>');
  assert.ok(names(follow?.attributes).includes('theme') && names(follow?.attributes).includes('dnt'), 'inherited attributes listed');
});
