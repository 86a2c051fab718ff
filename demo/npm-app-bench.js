// Bench page bundle: the npm build's define entry, bundled like an app would.
import '../dist/npm/define.js';
