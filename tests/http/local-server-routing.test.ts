/** The local server as API Gateway + Lambda: routing, the proxy event handlers get, and result mapping. */
import type { LocalServer } from '../../local/server';
import type { EchoResponse } from '../fixtures/local-server/functions/echo/handler';
import {
  devToken,
  type GatewayMessage,
  getJson,
  rawRequest,
  START_TIMEOUT_MS,
  startFixtureServer,
} from './local-server';

let server: LocalServer;
let token: string;

beforeAll(async () => {
  server = await startFixtureServer();
  token = await devToken(server, 'Router Tester');
}, START_TIMEOUT_MS);
afterAll(() => server?.stop());

const auth = () => ({ Authorization: `Bearer ${token}` });

describe('routing', () => {
  it('routes {id} paths and passes the decoded path parameter', async () => {
    const res = await getJson<EchoResponse>(`${server.url}/api/items/a%20b`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.body.event.resource).toBe('/api/items/{id}');
    expect(res.body.event.path).toBe('/api/items/a%20b');
    expect(res.body.event.pathParameters).toEqual({ id: 'a b' });
    expect(res.body.event.requestContext.resourcePath).toBe('/api/items/{id}');
  });

  it('prefers a literal resource over a path parameter', async () => {
    const res = await getJson<EchoResponse>(`${server.url}/api/items/special`, { headers: auth() });
    expect(res.body.event.resource).toBe('/api/items/special');
    expect(res.body.event.pathParameters).toBeNull();
  });

  it('routes {proxy+} with ANY for every method and the rest of the path', async () => {
    const get = await getJson<EchoResponse>(`${server.url}/api/files/docs/2024/report.pdf`);
    expect(get.body.event.pathParameters).toEqual({ proxy: 'docs/2024/report.pdf' });
    const del = await getJson<EchoResponse>(`${server.url}/api/files/x`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(del.body.event.httpMethod).toBe('DELETE');
    expect(del.body.event.resource).toBe('/api/files/{proxy+}');
  });

  it('answers 404 with the JSON error shape for an unknown route', async () => {
    const res = await getJson(`${server.url}/api/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: 'not_found',
        message: 'No route for GET /api/nothing/here',
        requestId: expect.any(String),
      },
    });
  });

  it('answers 404 JSON for a known path with a method it does not have', async () => {
    const res = await getJson(`${server.url}/api/items`, { method: 'GET', headers: auth() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('rejects a body over 10 MB with 413 before the function runs', async () => {
    const res = await getJson<GatewayMessage>(`${server.url}/api/public/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: 'Request Too Long' });
  });
});

describe('the proxy event', () => {
  it('carries single- and multi-value headers and query strings', async () => {
    const res = await rawRequest(`${server.url}/api/public/echo?q=hello+world&tag=1&tag=2&empty=`, {
      headers: { 'X-Tag': ['a', 'b'] },
    });
    const { event } = JSON.parse(res.text) as EchoResponse;
    expect(event.queryStringParameters).toEqual({ q: 'hello world', tag: '2', empty: '' });
    expect(event.multiValueQueryStringParameters).toEqual({
      q: ['hello world'],
      tag: ['1', '2'],
      empty: [''],
    });
    expect(event.headers['X-Tag']).toBe('b');
    expect(event.multiValueHeaders['X-Tag']).toEqual(['a', 'b']);
    expect(event.headers['X-Forwarded-For']).toBe('127.0.0.1');
  });

  it('passes names from Object.prototype through as ordinary query and header names', async () => {
    const res = await rawRequest(`${server.url}/api/public/echo?__proto__=1&constructor=2`, {
      headers: { constructor: 'x' },
    });
    expect(res.status).toBe(200);
    const { event } = JSON.parse(res.text) as EchoResponse;
    expect(event.queryStringParameters).toEqual(JSON.parse('{"__proto__":"1","constructor":"2"}'));
    expect(event.headers.constructor).toBe('x');
  });

  it('answers a request line too large to parse with 431 in the error shape, not a bare status line', async () => {
    const res = await rawRequest(`${server.url}/api/public/echo?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.text)).toEqual({
      error: { code: 'request_too_large', message: expect.any(String), requestId: expect.any(String) },
    });
  });

  it('sends null query strings, path parameters and body when there are none', async () => {
    const { body } = await getJson<EchoResponse>(`${server.url}/api/public/echo`);
    expect(body.event.queryStringParameters).toBeNull();
    expect(body.event.multiValueQueryStringParameters).toBeNull();
    expect(body.event.pathParameters).toBeNull();
    expect(body.event.body).toBeNull();
    expect(body.event.isBase64Encoded).toBe(false);
  });

  it('passes a JSON body as text and a binary body as base64', async () => {
    const text = await getJson<EchoResponse>(`${server.url}/api/public/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":"é"}',
    });
    expect(text.body.event.body).toBe('{"a":"é"}');
    expect(text.body.event.isBase64Encoded).toBe(false);
    const binary = await getJson<EchoResponse>(`${server.url}/api/public/echo`, {
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      body: new Uint8Array([137, 80, 78, 71, 0, 255]),
    });
    expect(binary.body.event.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body.event.body ?? '', 'base64')).toEqual(
      Buffer.from([137, 80, 78, 71, 0, 255]),
    );
  });

  it('fills requestContext like API Gateway and leaves out the authorizer on public routes', async () => {
    const { body } = await getJson<EchoResponse>(`${server.url}/api/public/echo`, {
      headers: { 'User-Agent': 'spec' },
    });
    const ctx = body.event.requestContext;
    expect(ctx).toMatchObject({
      stage: 'local',
      httpMethod: 'GET',
      resourcePath: '/api/public/echo',
      identity: { sourceIp: '127.0.0.1', userAgent: 'spec' },
    });
    expect(ctx.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.authorizer).toBeUndefined();
  });

  it('gives the function a Lambda context with its name and remaining time from its Timeout', async () => {
    const { body, headers } = await getJson<EchoResponse>(`${server.url}/api/public/echo`);
    expect(body.context.functionName).toBe('EchoFunction');
    expect(body.context.remainingMs).toBeGreaterThan(0);
    expect(body.context.remainingMs).toBeLessThanOrEqual(5_000);
    expect(headers.get('x-amzn-requestid')).toBe(body.event.requestContext.requestId);
  });
});

describe('the function environment', () => {
  it('resolves template values, applies env.json and leaves out what cannot be resolved locally', async () => {
    const { body } = await getJson<EchoResponse>(`${server.url}/api/public/echo`);
    expect(body.env).toMatchObject({
      FIXTURE_STAGE: 'local',
      FIXTURE_GREETING: 'howdy, world',
      FIXTURE_FROM_ENV_FILE: 'everywhere',
      FIXTURE_ECHO_ONLY: 'echo',
      FIXTURE_QUEUE_URL: `${server.url}/__local/sqs/WorkQueue`,
    });
    expect(body.env).not.toHaveProperty('FIXTURE_UNRESOLVABLE');
  });
});

describe('result mapping', () => {
  it('decodes a base64 body', async () => {
    const res = await fetch(`${server.url}/api/results/binary`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('merges headers with multiValueHeaders, the latter winning', async () => {
    const res = await fetch(`${server.url}/api/results/multi`);
    expect(res.headers.get('x-single')).toBe('one');
    expect(res.headers.get('x-number')).toBe('7');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.text()).toBe('ok');
  });

  it('defaults the content type to application/json', async () => {
    const res = await fetch(`${server.url}/api/results/no-content-type`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it.each(['body-not-string', 'extra-field', 'throws', 'slow'])(
    'answers 502 Internal server error when the function result is unusable (%s)',
    async (kind) => {
      const res = await getJson<GatewayMessage>(`${server.url}/api/results/${kind}`);
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ message: 'Internal server error' });
    },
  );
});
