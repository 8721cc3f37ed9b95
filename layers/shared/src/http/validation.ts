/**
 * TypeBox validation: schemas are compiled once and are the single source of validation, types and docs.
 * Objects are expected to set `additionalProperties: false`, so unknown fields are rejected.
 */
import { FormatRegistry, type Static, type TSchema, Type } from '@sinclair/typebox';
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { type ErrorDetail, Invalid } from './errors';

// The formats the API's schemas use, registered here beside the helpers that use them. TypeBox keeps them
// in module state, so there must be one TypeBox per process (the build guarantees it: docs/decisions.md).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (v) => UUID.test(v));
// RFC 3339 as JSON.stringify writes a Date (responses only: requests never take timestamps).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
if (!FormatRegistry.Has('uri')) {
  FormatRegistry.Set('uri', (v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  });
}

export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', ...options });
export const IdParams = Type.Object({ id: Uuid() }, { additionalProperties: false });

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

// Required on the first compile rather than imported: the compiler (with TypeBox's value and error modules
// under it) is evaluated when a route first validates, not at every cold start (docs/decisions.md).
let compiler: typeof import('@sinclair/typebox/compiler').TypeCompiler | undefined;

function checker<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = compiled.get(schema) as TypeCheck<T> | undefined;
  if (!check) {
    compiler ??= (require('@sinclair/typebox/compiler') as typeof import('@sinclair/typebox/compiler'))
      .TypeCompiler;
    check = compiler.Compile(schema);
    compiled.set(schema, check as unknown as TypeCheck<TSchema>);
  }
  return check;
}

/** Validates `value` against `schema`, or throws 400 with one detail per problem (at most 20). */
export function validate<T extends TSchema>(schema: T, value: unknown, where: string): Static<T> {
  const check = checker(schema);
  if (check.Check(value)) {
    const bad = unstorableText(value, where);
    if (bad)
      throw new Invalid(`Invalid ${where}`, [{ path: bad, message: 'Contains a NUL or unpaired surrogate' }]);
    return value;
  }
  const details: ErrorDetail[] = [];
  for (const e of check.Errors(value)) {
    details.push({ path: `${where}${e.path}`, message: e.message });
    if (details.length >= 20) break;
  }
  throw new Invalid(`Invalid ${where}`, details);
}

/**
 * Bounds a parsed JSON value before any recursive code sees it: at most `maxDepth` nested arrays/objects,
 * and no `__proto__` key (never a field of ours; assigned with `=` or Object.assign it would replace an
 * object's prototype). Iterative, so the check itself cannot overflow the stack. Throws 400.
 */
export function checkStructure(value: unknown, maxDepth: number, where: string): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: where, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      throw new Invalid(`Invalid ${where}`, [
        { path: item.path, message: `Nested deeper than ${maxDepth} levels` },
      ]);
    }
    for (const key of Object.keys(item.value)) {
      const path = `${item.path}/${key}`;
      if (key === '__proto__') throw new Invalid(`Invalid ${where}`, [{ path, message: 'Is not allowed' }]);
      stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth });
    }
  }
}

/**
 * Query parameter names: each one the route declares (none without a schema), each given once. API Gateway
 * would otherwise pass only the last of a repeated parameter, so `?a=1&a=2` could mean either.
 */
export function checkQueryNames(
  schema: TSchema | undefined,
  single: Record<string, string | undefined> | null | undefined,
  multi: Record<string, string[] | undefined> | null | undefined,
): void {
  const known = new Set(Object.keys((schema?.properties ?? {}) as Record<string, unknown>));
  const details: ErrorDetail[] = [];
  for (const name of Object.keys(single ?? {})) {
    if (!known.has(name)) details.push({ path: `query/${name}`, message: 'Unknown query parameter' });
    else if ((multi?.[name]?.length ?? 1) > 1)
      details.push({ path: `query/${name}`, message: 'Given more than once' });
    if (details.length >= 20) break;
  }
  if (details.length > 0) throw new Invalid('Invalid query', details);
}

// PostgreSQL text and jsonb cannot hold NUL or unpaired UTF-16 surrogates: refuse them here as a 400
// rather than fail later in SQL as a 500.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

function unstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return unstorable(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorable(key) ? `${path}/${key}` : unstorableText(item, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

// Only canonical spellings are converted: TypeBox's own conversion reads "2.5" as 2, "1e2" as 1 and
// "true" as 1, so a wrong value would silently become another one instead of a 400.
const CANONICAL = {
  integer: /^-?(?:0|[1-9]\d*)$/,
  number: /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/,
  boolean: /^(?:true|false)$/,
} as const;

function convertQueryValue(schema: TSchema | undefined, value: string | undefined): unknown {
  if (value === undefined) return value;
  const type: unknown = schema?.type;
  if (type === 'integer' || type === 'number') return CANONICAL[type].test(value) ? Number(value) : value;
  if (type === 'boolean') return CANONICAL.boolean.test(value) ? value === 'true' : value;
  return value;
}

/** Query strings arrive as strings: convert numbers/booleans per the (flat object) schema before checking. */
export function validateQuery<T extends TSchema>(
  schema: T,
  query: Record<string, string | undefined>,
): Static<T> {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const converted = Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, convertQueryValue(properties[key], value)]),
  );
  return validate(schema, converted, 'query');
}

/**
 * Checks a route's success response against its declared schema (tests turn this on with
 * VALIDATE_RESPONSES): an undeclared status or a body that does not match is a bug in the route or in the
 * OpenAPI document, so it fails loudly instead of reaching a client.
 */
export function checkResponse(
  route: string,
  responses: Record<number, TSchema | null> | undefined,
  result: { status: number; body?: unknown },
): void {
  if (!responses) throw new Error(`${route} declares no responses`);
  const schema = responses[result.status];
  if (schema === undefined) throw new Error(`${route} answered ${result.status}, which it does not declare`);
  if (schema === null) {
    if (result.body !== undefined)
      throw new Error(`${route} declares an empty ${result.status} but sent a body`);
    return;
  }
  const check = checker(schema);
  if (check.Check(result.body)) return;
  const problems = [...check.Errors(result.body)].slice(0, 5).map((e) => `${e.path} ${e.message}`);
  throw new Error(`${route} ${result.status} does not match its schema: ${problems.join('; ')}`);
}
