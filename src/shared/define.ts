/** Registers a custom element once; a second copy of Perch on the page warns instead of throwing. */

/**
 * Define `tag` unless it is already defined.
 * @returns true when this call registered the element
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): boolean {
  const existing = customElements.get(tag);
  if (existing !== undefined) {
    if (existing !== ctor) console.warn(`[perch] <${tag}> is already defined by another copy of Perch; keeping the first.`);
    return false;
  }
  customElements.define(tag, ctor);
  return true;
}
