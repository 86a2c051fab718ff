/**
 * Checks real HTTP answers against docs/api/openapi.yaml: the operation and status must be in
 * the document, required headers present and matching, the content type listed, and a JSON body
 * valid against the response schema (JSON Schema 2020-12, checked with Ajv). Records which
 * operations and statuses were exercised, so a suite can tell what it never checked.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

const DOC_PATH = new URL('../../docs/api/openapi.yaml', import.meta.url);

/** The parsed contract. */
export const openapi = parse(readFileSync(DOC_PATH, 'utf8')) as Json;

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follow a local `$ref` (`#/components/...`) to its target, repeatedly. */
function deref(v: unknown): Json {
  let node = v;
  for (let i = 0; i < 10 && isJson(node) && typeof node.$ref === 'string'; i++) {
    node = node.$ref
      .slice(2)
      .split('/')
      .reduce<unknown>((o, key) => (isJson(o) ? o[key] : undefined), openapi);
  }
  if (!isJson(node)) throw new Error(`openapi.yaml: unresolvable reference ${JSON.stringify(v)}`);
  return node;
}

const components = isJson(openapi.components) ? openapi.components : {};
const schemas = isJson(components.schemas) ? components.schemas : {};
// The schemas become one JSON Schema document; OpenAPI's component references point into its $defs.
const rooted = JSON.parse(JSON.stringify({ $id: 'https://perch.invalid/openapi', $defs: schemas }).replaceAll('#/components/schemas/', '#/$defs/')) as Json;
const ajv = new Ajv2020({ allErrors: false, strict: true });
ajv.addSchema(rooted);
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (v === undefined) {
    const local = JSON.parse(key.replaceAll('"#/components/schemas/', '"https://perch.invalid/openapi#/$defs/')) as Json;
    v = ajv.compile(local);
    compiled.set(key, v);
  }
  return v;
}

/** Validate `value` against a named component schema; returns the problems ('' when valid). */
export function schemaProblems(name: string, value: unknown): string {
  const v = validatorFor({ $ref: `#/components/schemas/${name}` });
  return v(value) ? '' : ajv.errorsText(v.errors, { dataVar: name });
}

/** What was exercised: `METHOD template status`. */
export const exercised = new Set<string>();

/** Every `METHOD template status` the document declares. */
export function declaredResponses(): string[] {
  const out: string[] = [];
  const paths = isJson(openapi.paths) ? openapi.paths : {};
  for (const [template, item] of Object.entries(paths)) {
    if (!isJson(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isJson(op) || !isJson(op.responses)) continue;
      for (const status of Object.keys(op.responses)) out.push(`${method.toUpperCase()} ${template} ${status}`);
    }
  }
  return out;
}

/** One HTTP answer as the suite read it. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The body as bytes. */
  bytes: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

/**
 * Check `answer` (to `method` on the path `template`) against the document; returns every problem
 * found, empty when it conforms.
 */
export function contractProblems(method: string, template: string, answer: Answer): string[] {
  const problems: string[] = [];
  const paths = isJson(openapi.paths) ? openapi.paths : {};
  const item = paths[template];
  const op = isJson(item) ? item[method.toLowerCase()] : undefined;
  if (!isJson(op) || !isJson(op.responses)) return [`${method} ${template} is not in openapi.yaml`];
  const declared = op.responses[String(answer.status)];
  if (declared === undefined) return [`${method} ${template} answered ${answer.status}, which openapi.yaml does not list`];
  exercised.add(`${method.toUpperCase()} ${template} ${answer.status}`);
  const response = deref(declared);
  const headers = isJson(response.headers) ? response.headers : {};
  for (const [name, raw] of Object.entries(headers)) {
    const h = deref(raw);
    const value = answer.headers.get(name);
    if (value === null) {
      if (h.required === true) problems.push(`header ${name} is missing`);
      continue;
    }
    if (isJson(h.schema)) {
      const v = validatorFor(h.schema);
      if (!v(value)) problems.push(`header ${name}: "${value}" ${ajv.errorsText(v.errors, { dataVar: name })}`);
    }
  }
  if (!isJson(response.content)) return problems;
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const media = Object.entries(response.content).find(([t]) => t.toLowerCase() === type)?.[1];
  if (!isJson(media)) return [...problems, `content-type "${type}" is not one of ${Object.keys(response.content).join(', ')}`];
  if (type === 'application/json' && isJson(media.schema)) {
    if (answer.json === undefined) return [...problems, 'the body is not JSON'];
    const v = validatorFor(media.schema);
    if (!v(answer.json)) problems.push(`body: ${ajv.errorsText(v.errors, { dataVar: 'body' })}`);
  }
  return problems;
}
