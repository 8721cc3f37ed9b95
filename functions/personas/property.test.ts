/**
 * Property: whatever arrives — random bodies, paths, query strings, methods, headers — the personas, users
 * and openapi handlers answer without a 5xx, and every error is the JSON error shape.
 */
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import fc from 'fast-check';
import {
  aiPersonaBody,
  apiEvent,
  createPersona,
  humanPersonaBody,
  lambdaContext,
  newCaller,
  useTestDatabase,
  withoutWriteLimit,
} from '../../tests/support/fixtures';
import { handler as openapi } from '../openapi/handler';
import { handler as users } from '../users/handler';
import { handler as personas } from './handler';

// Writes should reach validation and SQL rather than stop at the rate limit.
withoutWriteLimit();

useTestDatabase();

type Handler = (e: APIGatewayProxyEvent, c: Context) => Promise<unknown>;
const handlers: Record<string, Handler> = { personas, users, openapi };
const callers = [newCaller('Prop Owner'), newCaller('Prop Other'), newCaller('Prop Admin', true)];
const ids: string[] = [];

beforeAll(async () => {
  ids.push((await createPersona(callers[0]!, humanPersonaBody())).id);
  ids.push((await createPersona(callers[0]!, aiPersonaBody({ visibility: 'private' }))).id);
  ids.push((await createPersona(callers[1]!, aiPersonaBody())).id);
});

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '😀',
  "'; DROP TABLE personas; --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  '2026-02-30T00:00:00.000000Z',
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nasty);
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1, 100, 101, 2001, 1e308, -1e308));
const value = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const key = fc.oneof(
  fc.constantFrom(
    'name',
    'kind',
    'description',
    'personality',
    'knowledge',
    'communicationStyle',
    'avatarUrl',
    'visibility',
    'ai',
    'version',
    '__proto__',
    'constructor',
  ),
  text,
);
const personaLike = fc.record(
  {
    name: value,
    kind: fc.oneof(fc.constantFrom('human', 'ai'), value),
    description: value,
    personality: fc.oneof(
      fc.record(
        { traits: fc.oneof(fc.dictionary(key, fc.oneof(number, fc.constant(null))), value), summary: value },
        { requiredKeys: [] },
      ),
      value,
    ),
    knowledge: fc.oneof(fc.array(text, { maxLength: 25 }), value),
    communicationStyle: value,
    avatarUrl: fc.oneof(fc.webUrl(), value),
    visibility: fc.oneof(fc.constantFrom('public', 'private'), value),
    ai: fc.oneof(
      fc.record(
        {
          model: value,
          temperature: number,
          maxTokens: number,
          systemPrompt: value,
          typingWpm: number,
          talkativeness: number,
        },
        { requiredKeys: [] },
      ),
      value,
    ),
    version: fc.oneof(fc.integer({ min: 0, max: 4 }), value),
  },
  { requiredKeys: [] },
);
/** A valid body with up to two fields replaced by anything: reaches the deeper checks and the database. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom(
      humanPersonaBody(),
      aiPersonaBody(),
      { version: 1, name: 'Renamed' },
      { version: 2, ai: { talkativeness: 0.2 } },
    ),
    fc.dictionary(key, value, { maxKeys: 2 }),
  )
  .map(([base, changes]) => ({ json: { ...base, ...changes } }));
const body = fc.oneof(
  { weight: 4, arbitrary: nearlyValid },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: personaLike.map((b) => ({ json: b })) },
  { weight: 1, arbitrary: fc.dictionary(key, value).map((b) => ({ json: b })) },
  { weight: 1, arbitrary: value.map((b) => ({ json: b })) },
  { weight: 1, arbitrary: text.map((raw) => ({ raw })) },
);
const id = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: text },
);
const served = fc.constantFrom(
  { method: 'GET', resource: '/api/personas', handler: 'personas' },
  { method: 'POST', resource: '/api/personas', handler: 'personas' },
  { method: 'GET', resource: '/api/personas/{id}', handler: 'personas' },
  { method: 'PUT', resource: '/api/personas/{id}', handler: 'personas' },
  { method: 'DELETE', resource: '/api/personas/{id}', handler: 'personas' },
  { method: 'GET', resource: '/api/me', handler: 'users' },
  { method: 'GET', resource: '/api/openapi.json', handler: 'openapi' },
);
const anyRoute = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  resource: fc.oneof(
    fc.constantFrom('/api/personas', '/api/personas/{id}', '/api/me', '/api/openapi.json'),
    fc.webPath().map((path) => path || '/'),
  ),
  handler: fc.constantFrom('personas', 'users', 'openapi'),
});
const listQuery = fc.record(
  {
    limit: fc.oneof(fc.integer({ min: 1, max: 100 }).map(String), text),
    cursor: text,
    q: text,
    style: fc.oneof(fc.constantFrom('casual', 'POETIC'), text),
    knowledge: fc.oneof(fc.constantFrom('jazz', 'Old Maps'), text),
    mine: fc.constantFrom('true', 'false', 'yes'),
    kind: fc.constantFrom('ai', 'human', 'robot'),
  },
  { requiredKeys: [] },
);
const request = fc.record({
  route: fc.oneof({ weight: 4, arbitrary: served }, { weight: 1, arbitrary: anyRoute }),
  id,
  query: fc.oneof(fc.constant(undefined), listQuery, fc.dictionary(text, fc.oneof(text, number.map(String)))),
  body,
  contentType: fc.oneof(
    { weight: 5, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x+json', ''),
    },
  ),
  caller: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(0, 1, 2) },
    { weight: 1, arbitrary: fc.constant(-1) },
  ),
});

describe('property: no input makes the API fail', () => {
  it('answers every request with < 500 and errors in the JSON error shape', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // Path parameters arrive decoded from UTF-8, so they are always well-formed strings.
        const personaId = typeof r.id === 'number' ? ids[r.id]! : Buffer.from(r.id).toString();
        const event = apiEvent({
          method: r.route.method,
          resource: r.route.resource,
          pathParameters: r.route.resource.includes('{id}') ? { id: personaId } : undefined,
          query: r.query,
          rawBody:
            r.body === undefined ? undefined : 'raw' in r.body ? r.body.raw : JSON.stringify(r.body.json),
          headers: r.body === undefined ? {} : { 'Content-Type': r.contentType },
          caller: r.caller >= 0 ? callers[r.caller] : undefined,
        });
        const res = (await handlers[r.route.handler]!(event, lambdaContext())) as {
          statusCode: number;
          body: string;
        };
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const parsed = JSON.parse(res.body);
          expect(Object.keys(parsed)).toEqual(['error']);
          expect(parsed.error).toEqual(
            expect.objectContaining({
              code: expect.any(String),
              message: expect.any(String),
              requestId: expect.any(String),
            }),
          );
          if (parsed.error.details !== undefined) {
            for (const d of parsed.error.details)
              expect(d).toEqual({ path: expect.any(String), message: expect.any(String) });
          }
          expect(res.body).not.toMatch(/at .+\.ts:\d+|SELECT |INSERT |UPDATE |postgres/i);
        } else if (res.body) {
          JSON.parse(res.body);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
