/**
 * Small typed readers for untrusted JSON: each either returns the value with its type
 * or throws a PayloadError naming the path, so a bad payload never half-renders.
 */
import { PayloadError } from './errors.js';

/** A JSON object with unknown values. */
export type JsonObject = Record<string, unknown>;

/** Whether `value` is a plain (non-array) object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or a PayloadError. */
export function obj(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new PayloadError(value === undefined ? 'missing-field' : 'not-an-object', path, `expected an object, got ${describe(value)}`);
  return value;
}

/** A required string field. */
export function str(o: JsonObject, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new PayloadError(v === undefined ? 'missing-field' : 'wrong-type', `${path}.${key}`, `expected a string, got ${describe(v)}`);
  return v;
}

/** An optional string field (absent or null gives undefined; any other type is an error). */
export function optStr(o: JsonObject, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new PayloadError('wrong-type', `${path}.${key}`, `expected a string, got ${describe(v)}`);
  return v;
}

/** A required finite number (numeric strings, as X sends some counts, are accepted). */
export function num(o: JsonObject, key: string, path: string): number {
  const v = optNum(o, key, path);
  if (v === undefined) throw new PayloadError('missing-field', `${path}.${key}`, 'expected a number');
  return v;
}

/** An optional finite number. */
export function optNum(o: JsonObject, key: string, path: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
  throw new PayloadError('wrong-type', `${path}.${key}`, `expected a number, got ${describe(v)}`);
}

/** An optional boolean. */
export function optBool(o: JsonObject, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new PayloadError('wrong-type', `${path}.${key}`, `expected a boolean, got ${describe(v)}`);
  return v;
}

/** An optional array (absent, null, or `{}` as some recorded payloads send, give []). */
export function arr(o: JsonObject, key: string, path: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isObject(v) && Object.keys(v).length === 0) return [];
  throw new PayloadError('wrong-type', `${path}.${key}`, `expected an array, got ${describe(v)}`);
}

/** A `[start, end]` pair of non-negative integers with start ≤ end. */
export function range(value: unknown, path: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new PayloadError('wrong-type', path, `expected [start, end], got ${describe(value)}`);
  const [a, b] = value as unknown[];
  if (!isIndex(a) || !isIndex(b) || a > b) throw new PayloadError('invalid-value', path, `expected [start, end] with 0 ≤ start ≤ end, got ${JSON.stringify(value)}`);
  return [a, b];
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** A short description of a value's type for error messages (never its content). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A `[a, b]` pair of positive numbers (aspect ratios, sizes). */
export function positivePair(value: unknown, path: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw new PayloadError('wrong-type', path, `expected [a, b], got ${describe(value)}`);
  const [a, b] = value as unknown[];
  if (typeof a !== 'number' || typeof b !== 'number' || !(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PayloadError('invalid-value', path, `expected two positive numbers, got ${JSON.stringify(value)}`);
  }
  return [a, b];
}
