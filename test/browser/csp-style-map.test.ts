import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { cspStyleMap, type CspStyleInfo } from '../../src/shared/csp-style-map.js';

// cspStyleMap sets inline styles through CSSOM only: no style="…" attribute write, which a
// strict style-src (no 'unsafe-inline') would block. csp-strict.test.ts checks it under real enforcement.
const styleWrites: string[] = [];
const original = Element.prototype.setAttribute;

beforeEach(() => {
  styleWrites.length = 0;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style') styleWrites.push(value);
    original.call(this, name, value);
  };
});
afterEach(() => {
  Element.prototype.setAttribute = original;
});

describe('cspStyleMap', () => {
  it('sets, changes and removes properties through CSSOM, never writing the style attribute', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const view = (s: CspStyleInfo): void => void render(html`<span style=${cspStyleMap(s)}></span>`, root);
    view({ width: '40%', aspectRatio: '16 / 9', '--perch-link-color': '#e0245e' });
    const span = root.querySelector('span')!;
    expect(span.style.width).to.equal('40%');
    expect(span.style.aspectRatio).to.equal('16 / 9');
    expect(span.style.getPropertyValue('--perch-link-color')).to.equal('#e0245e');
    view({ width: '60%', aspectRatio: undefined });
    expect(span.style.width).to.equal('60%');
    expect(span.style.aspectRatio).to.equal('');
    expect(span.style.getPropertyValue('--perch-link-color')).to.equal('');
    expect(styleWrites).to.deep.equal([]);
    root.remove();
  });

  it('(why it exists: Lit styleMap writes the attribute on its first render)', () => {
    const root = document.createElement('div');
    render(html`<span style=${styleMap({ width: '40%' })}></span>`, root);
    expect(styleWrites.length).to.equal(1);
  });

  it('must be the whole style attribute', () => {
    const root = document.createElement('div');
    expect(() => render(html`<span title=${cspStyleMap({ width: '1px' })}></span>`, root)).to.throw(/whole value of a style attribute/);
  });
});
