/**
 * `cspStyleMap`: Lit's `styleMap`, but safe under a strict Content Security Policy.
 *
 * Lit's `styleMap` writes its first render as a `style="…"` attribute string, which
 * `style-src` without `'unsafe-inline'` blocks (and reports). This directive always goes
 * through CSSOM (`element.style.setProperty`), which CSP allows, and never writes the
 * attribute in the browser. On the server (static rendering) it renders the attribute
 * string, as `styleMap` does. Use it as the whole `style` attribute:
 *
 * ```ts
 * html`<span style=${cspStyleMap({ width: `${pct}%`, 'aspect-ratio': '16 / 9' })}></span>`
 * ```
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type DirectiveResult, type PartInfo } from 'lit/directive.js';

/** CSS properties (camelCase or dash-case, custom properties too) → values; `undefined`/`null` removes. */
export type CspStyleInfo = Readonly<Record<string, string | number | undefined | null>>;

function cssName(name: string): string {
  return name.startsWith('--') || name.includes('-') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

class CspStyleMapDirective extends Directive {
  private previous = new Set<string>();
  /** The styles last applied: the same object again (a constant) needs no work. */
  private applied: CspStyleInfo | undefined;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style' || (info.strings?.length ?? 0) > 2) {
      throw new Error('cspStyleMap must be the whole value of a style attribute');
    }
  }

  /** The attribute text: used only where nothing updates the element (server rendering). */
  render(styles: CspStyleInfo): string {
    return Object.entries(styles)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${cssName(k)}:${String(v)}`)
      .join(';');
  }

  override update(part: AttributePart, [styles]: [CspStyleInfo]): typeof noChange {
    if (styles === this.applied) return noChange;
    this.applied = styles;
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [key, value] of Object.entries(styles)) {
      if (value === undefined || value === null) continue;
      const name = cssName(key);
      next.add(name);
      const text = String(value);
      if (style.getPropertyValue(name) !== text) style.setProperty(name, text);
    }
    for (const name of this.previous) if (!next.has(name)) style.removeProperty(name);
    this.previous = next;
    return noChange;
  }
}

/** Set inline styles through CSSOM only (strict-CSP safe). See the module comment. */
export const cspStyleMap: (styles: CspStyleInfo) => DirectiveResult<typeof CspStyleMapDirective> =
  directive(CspStyleMapDirective);
