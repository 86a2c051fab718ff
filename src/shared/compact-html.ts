/**
 * Lit's `html` and `svg` tags, minus the indentation of the template source: a run of
 * whitespace that holds a line break is dropped between tags and becomes one space inside a
 * tag. Done once per template (cached by its strings), so a rendered post carries no
 * whitespace text nodes from the source's layout. Only the templates' static text changes:
 * values (post text included) are bound as they are. A space that matters is written on one line.
 */
import { html as litHtml, svg as litSvg, type SVGTemplateResult, type TemplateResult } from 'lit';

const compacted = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

const isSpace = (c: string): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/** The template's strings with source indentation removed (see above); same result for the same strings. */
export function compactStrings(strings: TemplateStringsArray): TemplateStringsArray {
  const known = compacted.get(strings);
  if (known !== undefined) return known;
  // Where the scan is, carried across bindings: in text, in a tag, or in a quoted attribute value.
  let inTag = false;
  let quote = '';
  const out = strings.map((s) => {
    let result = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (quote !== '') {
        if (c === quote) quote = '';
        result += c;
        i++;
      } else if (isSpace(c)) {
        let j = i;
        while (j < s.length && isSpace(s[j]!)) j++;
        const run = s.slice(i, j);
        result += !run.includes('\n') ? run : inTag ? ' ' : '';
        i = j;
      } else {
        if (inTag && (c === '"' || c === "'")) quote = c;
        else if (inTag && c === '>') inTag = false;
        else if (!inTag && c === '<' && /[a-zA-Z/!]/.test(s[i + 1] ?? '')) inTag = true;
        result += c;
        i++;
      }
    }
    return result;
  });
  // Lit accepts only arrays carrying `raw`, as template literals do (its guard against forged templates).
  const tsa = Object.freeze(Object.assign(out, { raw: Object.freeze([...out]) })) as TemplateStringsArray;
  compacted.set(strings, tsa);
  return tsa;
}

/** Lit's `html`, with the template's source indentation removed. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): TemplateResult<1> {
  return litHtml(compactStrings(strings), ...values);
}

/** Lit's `svg`, with the template's source indentation removed. */
export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGTemplateResult {
  return litSvg(compactStrings(strings), ...values);
}
