import { Type } from '@sinclair/typebox';
import { apiEvent, lambdaContext } from '../../../../tests/support/fixtures';
import { resetConfig } from '../config';
import { DatabaseUnavailableError } from '../db/errors';
import { apiHandler } from './api-handler';
import { Conflict } from './errors';
import { Limit } from './pagination';
import { created, ok, Router } from './router';
import { IdParams } from './validation';

const Body = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 5 }),
    ids: Type.Optional(Type.Array(Type.Unknown(), { uniqueItems: true, maxItems: 10 })),
    tags: Type.Optional(Type.Record(Type.String(), Type.Number())),
  },
  { additionalProperties: false },
);
const Query = Type.Object({ limit: Type.Optional(Limit) }, { additionalProperties: false });

const Limited = Type.Object({ limit: Type.Integer() }, { additionalProperties: false });
const Thing = Type.Object({ id: Type.String() }, { additionalProperties: false });
const Named = Type.Object({ name: Type.String() }, { additionalProperties: false });

const router = new Router()
  .get('/api/things', { auth: 'public', query: Query, responses: { 200: Limited } }, async (req) =>
    ok({ limit: req.query.limit ?? 20 }),
  )
  .get('/api/things/{id}', { auth: 'public', params: IdParams, responses: { 200: Thing } }, async (req) =>
    ok({ id: req.params.id }),
  )
  .post('/api/things', { auth: 'public', body: Body, responses: { 201: Named } }, async (req) =>
    created({ name: req.body.name }),
  )
  .post('/api/conflict', { auth: 'public' }, async () => {
    throw new Conflict('already there');
  })
  .post('/api/crash', { auth: 'public' }, async () => {
    throw new Error('SELECT secret FROM vault WHERE password = hunter2');
  })
  .post('/api/db-down', { auth: 'public' }, async () => {
    throw new DatabaseUnavailableError(new Error('connect ECONNREFUSED'));
  });
const handler = apiHandler(router);

async function call(input: Parameters<typeof apiEvent>[0]) {
  const res = await handler(apiEvent(input), lambdaContext());
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
}

beforeAll(() => {
  process.env.MAX_BODY_BYTES = '2048';
  resetConfig();
});
afterAll(() => {
  delete process.env.MAX_BODY_BYTES;
  resetConfig();
});

describe('router', () => {
  it('validates and converts query strings', async () => {
    expect((await call({ method: 'GET', resource: '/api/things', query: { limit: '7' } })).json).toEqual({
      limit: 7,
    });
    const bad = await call({ method: 'GET', resource: '/api/things', query: { limit: '1000' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json.error.details[0].path).toBe('query/limit');
  });

  it('rejects unknown query parameters', async () => {
    const res = await call({ method: 'GET', resource: '/api/things', query: { sort: 'x' } });
    expect(res.statusCode).toBe(400);
  });

  it('rejects a malformed UUID in the path with 400', async () => {
    const res = await call({ method: 'GET', resource: '/api/things/{id}', pathParameters: { id: 'nope' } });
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe('invalid_request');
  });

  it('matches on the path when the resource is a catch-all', async () => {
    const event = apiEvent({ method: 'GET', resource: '/{proxy+}' });
    event.path = '/api/things/5eed0000-0000-4000-8000-000000000001';
    const res = await handler(event, lambdaContext());
    expect(JSON.parse(res.body)).toEqual({ id: '5eed0000-0000-4000-8000-000000000001' });
  });

  it('rejects unknown body fields, listing each problem', async () => {
    const res = await call({ method: 'POST', resource: '/api/things', body: { name: 'ok', admin: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'body/admin' })]),
    );
  });

  it('rejects unknown query parameters on a route without a query schema', async () => {
    const id = '5eed0000-0000-4000-8000-000000000001';
    for (const name of ['x', '__proto__', 'constructor', 'toString']) {
      const res = await call({
        method: 'GET',
        resource: '/api/things/{id}',
        pathParameters: { id },
        query: { [name]: '1' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json.error.details).toEqual([{ path: `query/${name}`, message: 'Unknown query parameter' }]);
    }
  });

  it('rejects a query parameter given more than once', async () => {
    const event = apiEvent({ method: 'GET', resource: '/api/things', query: { limit: '2' } });
    event.multiValueQueryStringParameters = { limit: ['1', '2'] };
    const res = await handler(event, lambdaContext());
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error.details).toEqual([
      { path: 'query/limit', message: 'Given more than once' },
    ]);
  });

  it('answers 400, not a stack overflow, for a deeply nested body (checked before the schema)', async () => {
    const deep = `{"name":"a","ids":[${'['.repeat(900)}${']'.repeat(900)}]}`;
    const res = await call({
      method: 'POST',
      resource: '/api/things',
      rawBody: deep,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json.error.details[0].message).toBe('Nested deeper than 32 levels');
    const shallow = { name: 'a', ids: [[[[[1]]]]] };
    expect((await call({ method: 'POST', resource: '/api/things', body: shallow })).statusCode).toBe(201);
  });

  it('rejects a __proto__ key anywhere in the body, even where any key is allowed', async () => {
    const res = await call({
      method: 'POST',
      resource: '/api/things',
      rawBody: '{"name":"a","tags":{"__proto__":1}}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json.error.details).toEqual([{ path: 'body/tags/__proto__', message: 'Is not allowed' }]);
    const fine = await call({
      method: 'POST',
      resource: '/api/things',
      body: { name: 'a', tags: { constructor: 1 } },
    });
    expect(fine.statusCode).toBe(201);
  });

  it('takes no body where the route declares none: empty or {} only', async () => {
    expect((await call({ method: 'POST', resource: '/api/conflict' })).statusCode).toBe(409);
    expect((await call({ method: 'POST', resource: '/api/conflict', body: {} })).statusCode).toBe(409);
    const formEncoded = await call({
      method: 'POST',
      resource: '/api/conflict',
      rawBody: '{}',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(formEncoded.statusCode).toBe(409);
    const extra = await call({ method: 'POST', resource: '/api/conflict', body: { force: true } });
    expect(extra.statusCode).toBe(400);
    expect(extra.json.error.details[0].path).toBe('body/force');
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    const res = await call({
      method: 'POST',
      resource: '/api/things',
      rawBody: '{"name":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json.error.code).toBe('invalid_json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await call({
      method: 'POST',
      resource: '/api/things',
      rawBody: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await call({ method: 'POST', resource: '/api/things', body: { name: 'x'.repeat(5000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('decodes base64 bodies', async () => {
    const event = apiEvent({ method: 'POST', resource: '/api/things', body: {} });
    event.body = Buffer.from(JSON.stringify({ name: 'abc' })).toString('base64');
    event.isBase64Encoded = true;
    const res = await handler(event, lambdaContext());
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ name: 'abc' });
  });

  it('maps typed errors to their status with the JSON error shape', async () => {
    const res = await call({ method: 'POST', resource: '/api/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json).toEqual({
      error: { code: 'conflict', message: 'already there', requestId: expect.any(String) },
    });
  });

  it('never leaks an unexpected error message, SQL or stack', async () => {
    const res = await call({ method: 'POST', resource: '/api/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/hunter2|SELECT|at /);
    expect(res.json.error.code).toBe('internal_error');
  });

  it('answers 503 when the database is unavailable', async () => {
    const res = await call({ method: 'POST', resource: '/api/db-down' });
    expect(res.statusCode).toBe(503);
    expect(res.json.error.code).toBe('service_unavailable');
  });

  it('carries CORS headers on errors for allowed origins', async () => {
    const res = await call({
      method: 'GET',
      resource: '/api/nowhere',
      headers: { Origin: 'https://amianai.com' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers?.['Access-Control-Allow-Origin']).toBe('https://amianai.com');
  });

  it('answers a preflight that reaches the function', async () => {
    const res = await call({
      method: 'OPTIONS',
      resource: '/api/things',
      headers: { Origin: 'http://localhost:3000' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({
      'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
      'Access-Control-Max-Age': '86400',
    });
  });
});

describe('the router owns authentication', () => {
  const guarded = new Router()
    .get('/api/secret', { auth: 'user', responses: { 200: Named } }, async (req) =>
      ok({ name: req.auth.user.displayName }),
    )
    .get('/api/admin-only', { auth: 'admin', responses: { 200: Named } }, async (req) =>
      ok({ name: req.auth.name }),
    )
    .get('/api/liar', { auth: 'public', responses: { 200: Named } }, async () =>
      // A route whose answer does not match what it declares (and what the OpenAPI document says).
      ok({ name: 42 } as unknown as { name: string }),
    )
    .get('/api/undeclared', { auth: 'public', responses: { 200: Named } }, async () =>
      created({ name: 'x' }),
    );
  const guardedHandler = apiHandler(guarded);
  const send = async (input: Parameters<typeof apiEvent>[0]) => {
    const res = await guardedHandler(apiEvent(input), lambdaContext());
    return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
  };

  it('answers 401 on a user route when the authorizer passed no identity', async () => {
    const res = await send({ method: 'GET', resource: '/api/secret' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('unauthorized');
  });

  it('answers 403 on an admin route for a caller outside the admin group, before any database work', async () => {
    const res = await send({
      method: 'GET',
      resource: '/api/admin-only',
      caller: { sub: 'u-1', name: 'Mallory' },
    });
    expect(res.status).toBe(403);
    const admin = await send({
      method: 'GET',
      resource: '/api/admin-only',
      caller: { sub: 'u-2', name: 'Ada', admin: true },
    });
    expect(admin).toEqual({ status: 200, json: { name: 'Ada' } });
  });

  it('refuses, in tests, a response that does not match its declared schema or status', async () => {
    expect((await send({ method: 'GET', resource: '/api/liar' })).status).toBe(500);
    expect((await send({ method: 'GET', resource: '/api/undeclared' })).status).toBe(500);
  });
});
