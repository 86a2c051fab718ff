// A tiny "app" that consumes the npm build the way a bundler would: the package's
// define entry, with Lit resolved from node_modules. Bundled by rollup into
// dist/demo/npm-app.js (see rollup.config.mjs).
import '../dist/npm/define.js';

const list = document.querySelector('#posts');
for (const id of ['1641086480675225601', '1684218600456876032', '1641895049427550208']) {
  const el = document.createElement('perch-tweet');
  el.setAttribute('tweet-id', id);
  el.setAttribute('server', location.origin);
  list?.append(el);
}
