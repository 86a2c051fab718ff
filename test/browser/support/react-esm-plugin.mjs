// A web-test-runner plugin that lets browser tests import React. React ships CommonJS
// only, which browsers cannot load: this bundles react, react-dom and react-dom/client
// once with esbuild into one ES module (one React instance), and answers each bare
// import (`react`, `react-dom/client`, …) with a small module re-exporting its names.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__perch-react/';
/** specifier -> name of its namespace in the vendor bundle */
const SPECIFIERS = new Map([
  ['react', 'react'],
  ['react/jsx-runtime', 'jsxRuntime'],
  ['react-dom', 'reactDom'],
  ['react-dom/client', 'reactDomClient'],
]);

async function vendorBundle() {
  const imports = [...SPECIFIERS].map(([spec, name]) => `import * as ${name} from '${spec}';`).join('\n');
  const result = await build({
    stdin: { contents: `${imports}\nexport { ${[...SPECIFIERS.values()].join(', ')} };`, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return result.outputFiles[0].text;
}

/**
 * The names each specifier exports, read in a separate Node process (loading React's
 * development build here would patch the test runner's own console).
 * @returns {Record<string, string[]>}
 */
function exportedNames() {
  const script = `const out = {}; for (const s of ${JSON.stringify([...SPECIFIERS.keys()])}) out[s] = Object.keys(require(s)); process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd(), encoding: 'utf8' }));
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function reactEsmPlugin() {
  /** @type {Promise<string> | undefined} */
  let vendor;
  /** @type {Record<string, string[]> | undefined} */
  let names;
  return {
    name: 'perch-react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.has(source)) return `${PREFIX}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const spec = context.path.slice(PREFIX.length, -'.js'.length);
      if (spec === '__vendor') {
        vendor ??= vendorBundle();
        return { body: await vendor, type: 'js' };
      }
      const name = SPECIFIERS.get(spec);
      if (name === undefined) return undefined;
      names ??= exportedNames();
      const keys = (names[spec] ?? []).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      const body = `import { ${name} } from '${PREFIX}__vendor.js';\nexport default ${name};\nexport const { ${keys.join(', ')} } = ${name};\n`;
      return { body, type: 'js' };
    },
  };
}
