// Plugins for @custom-elements-manifest/analyzer (see custom-elements-manifest.config.mjs).

/**
 * Perch registers elements with `defineElement('perch-x', PerchX)` (src/shared/define.ts),
 * not `customElements.define`, so teach the analyzer that call: the class gets its
 * `tagName` and the registering module a `custom-element-definition` export.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function defineElementPlugin() {
  /** @type {Map<string, string>} class name -> tag name */
  const tags = new Map();
  return {
    name: 'perch-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tagArg, classArg] = node.arguments;
      if (tagArg === undefined || classArg === undefined) return;
      if (!ts.isStringLiteralLike(tagArg) || !ts.isIdentifier(classArg)) return;
      const tagName = tagArg.text;
      const className = classArg.text;
      tags.set(className, tagName);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tagName,
        declaration: { name: className, module: importedFrom(ts, node.getSourceFile(), className) ?? moduleDoc.path },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          const tagName = tags.get(decl.name);
          if (tagName !== undefined) {
            decl.tagName = tagName;
            decl.customElement = true;
          }
        }
      }
    },
  };
}

/** The module (as a manifest path) a class name was imported from in `sourceFile`, if it was. */
function importedFrom(ts, sourceFile, name) {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    if (!bindings.elements.some((e) => e.name.text === name)) continue;
    const dir = sourceFile.fileName.replace(/^\.\//, '').split('/').slice(0, -1);
    for (const part of statement.moduleSpecifier.text.split('/')) {
      if (part === '.') continue;
      if (part === '..') dir.pop();
      else dir.push(part);
    }
    return dir.join('/').replace(/\.js$/, '.ts');
  }
  return undefined;
}

/**
 * Point the manifest at the published files: `src/x/y.ts` becomes `dist/npm/x/y.js`
 * (the package ships dist/npm, not src).
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function distPathsPlugin({ from, to }) {
  const rewrite = (value) =>
    typeof value === 'string' && value.replace(/^\.?\//, '').startsWith(from)
      ? to + value.replace(/^\.?\//, '').slice(from.length).replace(/\.ts$/, '.js')
      : value;
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'path' || key === 'module') && typeof child === 'string') value[key] = rewrite(child);
        else walk(child);
      }
    }
  };
  return {
    name: 'perch-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      walk(customElementsManifest);
    },
  };
}

/** Lit's own static plumbing: the CSS, the property table, the shadow-root options. Not API. */
const LIT_STATICS = new Set(['styles', 'properties', 'shadowRootOptions', 'elementStyles', 'elementProperties']);

/**
 * Whether a class member is public API: not private or protected, not `_`/`#`-prefixed, not
 * internal reactive state (`state: true`), not Lit's static plumbing.
 */
function isPublicApi(member) {
  if (member.privacy === 'private' || member.privacy === 'protected') return false;
  if (typeof member.name !== 'string' || /^[_#]/.test(member.name)) return false;
  if (member.state === true) return false;
  if (member.static === true && LIT_STATICS.has(member.name)) return false;
  return true;
}

/** A member or variable without source code as its "default" (an initializer longer than a value: CSS, a table, a controller). */
function withoutCode(member) {
  if (typeof member.default === 'string' && (member.default.length > 80 || /[`\n]|=>|\bnew\b/.test(member.default))) {
    const { default: _code, ...rest } = member;
    return rest;
  }
  return member;
}

/** A valid custom element name (lower case, with a hyphen). */
const isTagName = (name) => typeof name === 'string' && /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name);

/**
 * Tidy what the analyzer infers from code:
 * - `this.dispatchEvent(new PerchLoadEvent(result))` is recorded as an event named after
 *   the constructor's first argument (`result`); instead, give the documented `@fires`
 *   event its class (found through the class's `static eventName`) and drop the guess.
 * - `customElements.define(tag, ctor)` with a variable tag (the `defineElement` helper,
 *   the server-side renderer) is not a definition of a tag.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function tidyPlugin() {
  return {
    name: 'perch-tidy',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      /** @type {Map<string, {name: string, module: string}>} event class -> name and module */
      const eventClasses = new Map();
      for (const mod of modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          const field = (decl.members ?? []).find((m) => m.static && m.name === 'eventName');
          const literal = typeof field?.default === 'string' ? /^['"`]([^'"`]+)['"`]$/.exec(field.default) : null;
          if (literal !== null) eventClasses.set(decl.name, { name: literal[1], module: mod.path });
        }
      }
      for (const mod of modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class' || !Array.isArray(decl.events)) continue;
          const kept = [];
          for (const event of decl.events) {
            const cls = event.type?.text !== undefined ? eventClasses.get(event.type.text) : undefined;
            if (cls !== undefined && event.name !== cls.name) {
              // an inferred event: lend its class to the documented one of that name
              const documented = decl.events.find((e) => e.name === cls.name);
              if (documented !== undefined) documented.type ??= { text: event.type.text };
              else kept.push({ ...event, name: cls.name });
              continue;
            }
            if (!isTagName(event.name)) continue;
            kept.push(event);
          }
          for (const event of kept) {
            const cls = event.type?.text !== undefined ? eventClasses.get(event.type.text) : undefined;
            if (cls === undefined) {
              const byName = [...eventClasses.entries()].find(([, c]) => c.name === event.name);
              if (byName !== undefined) event.type = { text: byName[0] };
            }
          }
          decl.events = kept;
        }
        // Internal reactive state (`static properties = { x: { state: true } }`, TS-private) is no attribute.
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class' || !Array.isArray(decl.attributes)) continue;
          const hidden = new Set((decl.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
          decl.attributes = decl.attributes.filter((a) => a.fieldName === undefined || !hidden.has(a.fieldName));
          for (const m of decl.members ?? []) if (hidden.has(m.name)) delete m.attribute;
        }
        // The manifest describes API, not code: no private members, no CSS or tables as "default" values.
        if (Array.isArray(mod.declarations)) mod.declarations = mod.declarations.map((decl) => (decl.kind === 'variable' ? withoutCode(decl) : decl));
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'class' && Array.isArray(decl.members)) decl.members = decl.members.filter(isPublicApi).map(withoutCode);
        }
        if (Array.isArray(mod.exports)) {
          mod.exports = mod.exports.filter((e) => e.kind !== 'custom-element-definition' || isTagName(e.name));
        }
      }
    },
  };
}
