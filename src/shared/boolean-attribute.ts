/**
 * Boolean attributes (presence means on, as `hidden` or `disabled`), still reading the string
 * forms earlier versions took (`dnt="true"`, `dnt="false"`) with a console notice, for one
 * minor version. X's own string forms (`data-dnt="true"`, …) are mapped in the widgets.js
 * compatibility layer, never here.
 */
import type { ComplexAttributeConverter } from 'lit';

const warned = new Set<string>();

/** Say once per page and message that an attribute form is deprecated. */
export function deprecationNotice(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[perch] Deprecated: ${message} It stops working in the next minor version.`);
}

/**
 * A Lit converter for a boolean attribute named `name`: absent is off, present (`name`,
 * `name=""` or `name="name"`) is on. The old string forms still work with a deprecation
 * notice: `"false"` is off, any other value on.
 */
export function booleanAttribute(name: string): ComplexAttributeConverter<boolean> {
  return {
    fromAttribute(value: string | null): boolean {
      if (value === null) return false;
      if (value === '' || value.toLowerCase() === name) return true;
      deprecationNotice(`${name}="${value}": write the attribute alone (<… ${name}>) to turn it on, and leave it out to turn it off.`);
      return value !== 'false';
    },
    toAttribute(value: boolean): string | null {
      return value ? '' : null;
    },
  };
}
