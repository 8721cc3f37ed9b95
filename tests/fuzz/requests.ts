/**
 * Request generators for the fuzz suite, built from the OpenAPI document: for every operation, fast-check
 * arbitraries for path ids, query strings, bodies, headers and content types. Most requests are close to
 * valid (so they reach the handlers' logic); the rest are hostile: wrong types, unknown and prototype keys,
 * deep nesting, oversized and invalid UTF-8 bodies, malformed percent-encoding.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: unknown };

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/personas/{id}. */
  path: string;
  operationId: string;
  isPublic: boolean;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Schema>>;
  components: { schemas: Record<string, Schema> };
}

/** One generated request, ready to send; `describe` is what a failure report shows. */
export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path and query string, as sent on the request line. */
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** Ids that exist, so generated requests reach past "not found" (the caller's own and other people's). */
export interface KnownIds {
  ids: string[];
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = Array.isArray(op.parameters) ? (op.parameters as Schema[]) : [];
      const requestBody = isSchema(op.requestBody) ? op.requestBody : undefined;
      const content = requestBody && isSchema(requestBody.content) ? requestBody.content : undefined;
      const json = content && isSchema(content['application/json']) ? content['application/json'] : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => String(p.name)),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: String(p.name), schema: isSchema(p.schema) ? p.schema : {} })),
        body: json && isSchema(json.schema) ? json.schema : undefined,
      });
    }
  }
  return operations;
}

/** Names that are properties of every object: where request data becomes an object, they must stay keys. */
export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];

/**
 * Percent-encodes any JS string. A lone surrogate (which encodeURIComponent refuses) becomes its 3-byte
 * CESU-8 form, which is invalid UTF-8: exactly the kind of input the server must survive.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(char);
  }
  return out;
}

const junkName = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);

/** Text of every kind: ASCII, any Unicode (lone surrogates and NUL included), long runs. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\u0000', '\ud800', 'null', '-1', '1e309', '0x10', 'NaN'),
  },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)) },
);

/** Any JSON value, some of them nested. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -1e308, '', [], {}, [null], { '': '' }),
  anyText,
  fc.integer(),
);

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = doc.components.schemas[ref.replace('#/components/schemas/', '')];
  return target ?? {};
}

/** A value that (mostly) satisfies `schema`, so requests get past validation into the handlers. */
export function valueFor(
  input: Schema,
  doc: OpenApiDocument,
  known: KnownIds,
  depth = 0,
): fc.Arbitrary<Json> {
  const schema = resolve(input, doc);
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union) && union.length > 0)
    return fc.oneof(...union.map((s) => valueFor(s, doc, known, depth + 1)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
      return fc.integer({ min, max });
    }
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'string': {
      if (schema.format === 'uuid')
        return known.ids.length > 0 ? fc.oneof(fc.constantFrom(...known.ids), fc.uuid()) : fc.uuid();
      if (schema.format === 'uri') return fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)'));
      const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 200, 200);
      const minLength = Math.min(typeof schema.minLength === 'number' ? schema.minLength : 0, maxLength);
      if (typeof schema.pattern === 'string' && schema.pattern !== '\\S') {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= maxLength);
      }
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: Math.max(minLength, 1), maxLength }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
      );
    }
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 5, 8);
      const minLength = Math.min(typeof schema.minItems === 'number' ? schema.minItems : 0, maxLength);
      return fc.array(valueFor(items, doc, known, depth + 1), { minLength, maxLength }) as fc.Arbitrary<Json>;
    }
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [name, property] of Object.entries(properties))
        if (isSchema(property)) model[name] = valueFor(property, doc, known, depth + 1);
      const record = fc.record(model, { requiredKeys: required.filter((name) => name in model) });
      const patterns = isSchema(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
      if (patterns.length === 0) return record as fc.Arbitrary<Json>;
      const [pattern, valueSchema] = patterns[0]!;
      const extra = fc.dictionary(
        pattern === '^(.*)$' ? fc.string({ maxLength: 12 }) : fc.stringMatching(new RegExp(pattern)),
        valueFor(isSchema(valueSchema) ? valueSchema : {}, doc, known, depth + 1),
        { maxKeys: 4 },
      );
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }) as Json);
    }
    default:
      return hostileValue;
  }
}

/** A valid-looking value with one field replaced, added or removed. */
function mutated(valid: fc.Arbitrary<Json>, names: string[]): fc.Arbitrary<Json> {
  return fc
    .tuple(valid, fc.constantFrom(...names, ...PROTOTYPE_NAMES.slice(1), 'extra'), hostileValue, fc.boolean())
    .map(([value, name, replacement, remove]) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return replacement;
      const copy: { [key: string]: Json } = Object.fromEntries(Object.entries(value));
      if (remove) delete copy[name];
      else Object.defineProperty(copy, name, { value: replacement, enumerable: true, writable: true });
      return copy;
    });
}

const deepText = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

/** A whole body as bytes: JSON of a (mostly) valid value, or something hostile. */
function bodyBytes(op: Operation, doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<Buffer> {
  const schema = op.body ? resolve(op.body, doc) : { type: 'object', properties: {} };
  const names = Object.keys(isSchema(schema.properties) ? schema.properties : {});
  const valid = valueFor(schema, doc, known);
  const json = (value: fc.Arbitrary<Json>) => value.map((v) => Buffer.from(JSON.stringify(v) ?? 'null'));
  const field = fc.constantFrom(...(names.length > 0 ? names : ['x']));
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const arrayNames = names.filter((name) => {
    const property = properties[name];
    return isSchema(property) && resolve(property, doc).type === 'array';
  });
  return fc.oneof(
    { weight: 10, arbitrary: json(valid) },
    { weight: 4, arbitrary: json(mutated(valid, names.length > 0 ? names : ['x'])) },
    { weight: 2, arbitrary: json(hostileValue) },
    { weight: 2, arbitrary: fc.constant(Buffer.alloc(0)) },
    // Deep nesting in place of one field of an otherwise valid body (the stack-overflow shape), list fields
    // (checked for unique items) more often than others.
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          valid,
          fc.oneof(field, fc.constantFrom(...(arrayNames.length > 0 ? arrayNames : ['x']))),
          fc.oneof(fc.integer({ min: 20, max: 100 }), fc.constantFrom(1_000, 5_000, 10_000, 20_000)),
          fc.boolean(),
        )
        .map(([value, name, depth, arrays]) => {
          const deep = arrays ? deepText(depth, '[', ']') : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
          const rest = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
          const others = Object.entries(rest).filter(([key]) => key !== name);
          const text = JSON.stringify(Object.fromEntries(others));
          const fieldText = `${JSON.stringify(name)}:[${deep}]`;
          return Buffer.from(text === '{}' ? `{${fieldText}}` : `{${fieldText},${text.slice(1)}`);
        }),
    },
    // Prototype keys written as JSON text (an object literal could not carry `__proto__` as a key).
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...PROTOTYPE_NAMES), hostileValue, fc.constantFrom('top', 'nested'))
        .map(([value, name, inner, where]) => {
          const text = JSON.stringify(value) ?? '{}';
          const injected = `${JSON.stringify(name)}:${JSON.stringify(inner) ?? 'null'}`;
          if (!text.startsWith('{')) return Buffer.from(`{${injected}}`);
          const body = text === '{}' ? `{${injected}}` : `{${injected},${text.slice(1)}`;
          return Buffer.from(
            where === 'top' ? body : `{"personality":{"traits":{${injected}}},${body.slice(1)}`,
          );
        }),
    },
    // Invalid UTF-8 inside a string value, or anywhere.
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            [0xff],
            [0xc3, 0x28],
            [0xed, 0xa0, 0x80],
            [0xe2, 0x82],
            [0xf8, 0x88, 0x80, 0x80, 0x80],
          ),
        )
        .map(([value, bytes]) => {
          const text = JSON.stringify(value) ?? '""';
          const at = text.indexOf(':"');
          const i = at >= 0 ? at + 2 : 0;
          return Buffer.concat([
            Buffer.from(text.slice(0, i)),
            Buffer.from(bytes),
            Buffer.from(text.slice(i)),
          ]);
        }),
    },
    // Right at and over the 64 KiB limit.
    {
      weight: 1,
      arbitrary: fc
        .tuple(field, fc.integer({ min: 65_000, max: 70_000 }))
        .map(([name, size]) => Buffer.from(`{${JSON.stringify(name)}:"${'a'.repeat(size)}"}`)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'name=x&y=z',
          '<a/>',
          'null',
          '1',
          '"text"',
          '[]',
          'true',
          '{',
          '{"a":1,}',
          '\ufeff{}',
          '{}{}',
        )
        .map((text) => Buffer.from(text)),
    },
  );
}

/** A path parameter: an id that exists, any UUID, or something that is not an id at all. */
function pathValue(known: KnownIds): fc.Arbitrary<string> {
  const encoded = (text: fc.Arbitrary<string>) => text.map((t) => percentEncode(t));
  return fc.oneof(
    { weight: 6, arbitrary: known.ids.length > 0 ? fc.constantFrom(...known.ids) : fc.uuid() },
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: encoded(anyText.filter((t) => t.length > 0 && t.length < 2000)) },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...PROTOTYPE_NAMES,
        '%ZZ',
        '%C3%28',
        '%00',
        '%',
        '..',
        '%2e%2e',
        'a%2Fb',
        '%ED%A0%80',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ),
    },
  );
}

/** One query parameter value, as the schema wants it or not. */
function queryValue(schema: Schema, doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<string> {
  const valid = valueFor(schema, doc, known).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyText });
}

const rawEscapes = fc.constantFrom('%ZZ', '%C3%28', '%FF', '%00', '%', '%%', '%E0%A4%A');

function queryString(op: Operation, doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<string> {
  const known_ = op.query.map((q) =>
    fc
      .tuple(fc.constant(q.name), queryValue(q.schema, doc, known))
      .map(([n, v]) => `${n}=${percentEncode(v)}`),
  );
  const unknown = fc
    .tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), junkName), anyText)
    .map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`);
  const pair = fc.oneof(
    ...(known_.length > 0 ? [{ weight: 6, arbitrary: fc.oneof(...known_) }] : []),
    { weight: 1, arbitrary: unknown },
    { weight: 1, arbitrary: fc.tuple(junkName, rawEscapes).map(([n, e]) => `${n}=${e}`) },
    { weight: 1, arbitrary: rawEscapes },
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: fc.array(pair, { minLength: 1, maxLength: 5 }).map((p) => p.join('&')) },
  );
}

/** Header values Node will send: visible ASCII, spaces, tabs and Latin-1 bytes (never CR or LF). */
const headerText = fc
  .array(
    fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(9)),
    {
      maxLength: 60,
    },
  )
  .map((codes) => String.fromCharCode(...codes).trim());

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/jsonx',
  '*/*',
];

function headers(): fc.Arbitrary<Array<[string, string]>> {
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Array<[string, string]>>([['Content-Type', 'application/json']]) },
    { weight: 1, arbitrary: fc.constant<Array<[string, string]>>([]) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...CONTENT_TYPES).map((t): Array<[string, string]> => [['Content-Type', t]]),
    },
    { weight: 1, arbitrary: headerText.map((t): Array<[string, string]> => [['Content-Type', t]]) },
  );
  const extraName = fc.oneof(
    fc.constantFrom(
      ...PROTOTYPE_NAMES,
      'Origin',
      'If-None-Match',
      'Accept',
      'Accept-Language',
      'X-Forwarded-For',
      'X-Amzn-Trace-Id',
      'Cookie',
      'Referer',
      'User-Agent',
    ),
    junkName.map((n) => `X-${n}`),
  );
  const extras = fc.array(fc.tuple(extraName, headerText), { maxLength: 3 });
  return fc.tuple(contentType, extras).map(([ct, more]) => [...ct, ...more]);
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** A request as a well-behaved client would send it (existing ids, valid values): reaches the handlers. */
function cleanRequest(op: Operation, doc: OpenApiDocument, known: KnownIds) {
  const ids = known.ids.length > 0 ? fc.constantFrom(...known.ids) : fc.uuid();
  const params = op.query.map((q) =>
    fc.option(
      valueFor(q.schema, doc, known).map(
        (v) => `${q.name}=${percentEncode(typeof v === 'string' ? v : JSON.stringify(v))}`,
      ),
      { freq: 2 },
    ),
  );
  const schema = op.body ? resolve(op.body, doc) : undefined;
  return fc.record({
    method: fc.constant(op.method),
    values: fc.tuple(...op.pathParams.map(() => ids)),
    query: fc.tuple(...params).map((pairs) => pairs.filter((p): p is string => p !== null).join('&')),
    headers: fc.constant<Array<[string, string]>>([['Content-Type', 'application/json']]),
    body: schema
      ? valueFor(schema, doc, known).map((v) => Buffer.from(JSON.stringify(v) ?? ''))
      : fc.constant(Buffer.alloc(0)),
  });
}

/** A request with something wrong or unusual in any part of it. */
function hostileRequest(op: Operation, doc: OpenApiDocument, known: KnownIds) {
  const wantsBody = op.body !== undefined || op.method !== 'GET';
  return fc.record({
    method: fc.oneof(
      { weight: 19, arbitrary: fc.constant(op.method) },
      { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
    ),
    values: fc.tuple(...op.pathParams.map(() => pathValue(known))),
    query: queryString(op, doc, known),
    headers: headers(),
    body: wantsBody
      ? bodyBytes(op, doc, known)
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant(Buffer.alloc(0)) },
          { weight: 1, arbitrary: bodyBytes(op, doc, known) },
        ),
  });
}

/** Requests for one operation: two in five well-formed, the rest hostile. */
export function requestsFor(op: Operation, doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  return fc
    .oneof(
      { weight: 2, arbitrary: cleanRequest(op, doc, known) },
      { weight: 3, arbitrary: hostileRequest(op, doc, known) },
    )
    .map(({ method, values, query, headers: hs, body }) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => {
        path = path.replace(`{${name}}`, values[i] as string);
      });
      return {
        operationId: op.operationId,
        method,
        target: query ? `${path}?${query}` : path,
        headers: hs,
        body,
      };
    });
}

/** Requests over every operation of the document, each operation as likely as any other. */
export function anyRequest(doc: OpenApiDocument, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operationsOf(doc).map((op) => requestsFor(op, doc, known)));
}
