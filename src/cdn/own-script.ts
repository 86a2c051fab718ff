/**
 * Where the CDN loader was served from, however its tag was written. Its chunks live beside
 * it, so they must be resolved against the script's URL, never the page's.
 *
 * - A classic script (`async`, `defer`, plain, or added by another script) has
 *   `document.currentScript` while it runs: its `src` is the answer.
 * - A module script (`<script type="module" src=…>`) has no `currentScript`. The URL of the code
 *   that is running is in the stack of an `Error` made during its top-level evaluation (every
 *   engine writes it there: `at https://…/perch.js:1:234`, `@https://…/perch.js:1:234`).
 * - Last resort, when neither says (an engine without stacks): the page's `<script src>` whose
 *   file is the loader's own (`perch.js`, `perch.min.js`).
 */

/** The loader's own URL and, when one is found, its `<script>` element (for `data-*` configuration). */
export interface OwnScript {
  url: string | undefined;
  element: HTMLScriptElement | null;
}

/** The loader's file names the last-resort lookup accepts. */
const FILE = /\/perch(?:\.min)?\.js$/;

/** A frame's location at the end of a stack line: `URL:line:column`, maybe inside parentheses. */
const FRAME = /((?:https?|file):\/\/[^\s()]+?):\d+:\d+\)?$/;

/**
 * The URL of the innermost frame of `stack` (an `Error`'s `stack`), or undefined.
 * Exported for tests.
 */
export function urlFromStack(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const match = FRAME.exec(line.trim());
    if (match !== null) return match[1];
  }
  return undefined;
}

const withoutHash = (url: string): string => url.replace(/#.*$/, '');

/**
 * Find the loader's script. `stack` is `new Error().stack` taken while the loader's top level
 * runs (so its innermost frame is the loader's file).
 */
export function findOwnScript(stack: string | undefined): OwnScript {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src !== '') return { url: current.src, element: current };
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')];
  const fromStack = urlFromStack(stack);
  // An inline copy of the loader reports the page's own URL: that says nothing about the chunks.
  if (fromStack !== undefined && withoutHash(fromStack) !== withoutHash(document.URL)) {
    return { url: fromStack, element: scripts.find((s) => withoutHash(s.src) === withoutHash(fromStack)) ?? null };
  }
  const byName = scripts.find((s) => {
    try {
      return FILE.test(new URL(s.src).pathname);
    } catch {
      return false;
    }
  });
  return { url: byName?.src, element: byName ?? null };
}
