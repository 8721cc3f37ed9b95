import { buildProxyEvent, type IncomingRequest, isTextContentType, requestTime } from './proxy-event';

const request = (overrides: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'GET',
  path: '/api/personas/p1',
  query: '',
  rawHeaders: ['Host', 'localhost:3000', 'User-Agent', 'spec'],
  body: Buffer.alloc(0),
  sourceIp: '10.0.0.7',
  ...overrides,
});

const context = {
  resourcePath: '/api/personas/{id}',
  pathParameters: { id: 'p1' },
  stage: 'dev',
  requestId: 'req-1',
};

describe('buildProxyEvent', () => {
  it('keeps the last value of a repeated header or parameter, and all of them in the multi-value maps', () => {
    const event = buildProxyEvent(
      request({
        query: 'tag=a&tag=b&q=two+words&flag',
        rawHeaders: ['Accept', 'text/html', 'Accept', 'application/json'],
      }),
      context,
    );
    expect(event.headers.Accept).toBe('application/json');
    expect(event.multiValueHeaders.Accept).toEqual(['text/html', 'application/json']);
    expect(event.queryStringParameters).toEqual({ tag: 'b', q: 'two words', flag: '' });
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'], q: ['two words'], flag: [''] });
  });

  it('treats names from Object.prototype as ordinary names (query and headers)', () => {
    const event = buildProxyEvent(
      request({
        query: '__proto__=1&constructor=2&constructor=3&toString=4&hasOwnProperty=5',
        rawHeaders: ['constructor', 'x', '__proto__', 'y', '__proto__', 'z', 'valueOf', 'v'],
      }),
      context,
    );
    const own = (value: unknown) => Object.getOwnPropertyNames(value);
    expect(own(event.queryStringParameters)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]);
    expect(event.multiValueQueryStringParameters?.constructor).toEqual(['2', '3']);
    expect(Object.getPrototypeOf(event.queryStringParameters)).toBe(Object.prototype);
    expect(event.headers.constructor).toBe('x');
    expect(Object.getOwnPropertyDescriptor(event.multiValueHeaders, '__proto__')?.value).toEqual(['y', 'z']);
    expect(Object.getPrototypeOf(event.headers)).toBe(Object.prototype);
    // What Lambda receives is the JSON of the event: the same keys survive the round trip.
    expect(JSON.parse(JSON.stringify(event)).queryStringParameters).toEqual(event.queryStringParameters);
  });

  it('uses null for absent query strings, path parameters and body', () => {
    const event = buildProxyEvent(request(), { ...context, pathParameters: null });
    expect(event).toMatchObject({
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
  });

  it('passes text bodies as strings and other bodies as base64', () => {
    const json = buildProxyEvent(
      request({
        method: 'POST',
        rawHeaders: ['Content-Type', 'application/json; charset=utf-8'],
        body: Buffer.from('{"a":1}'),
      }),
      context,
    );
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const png = buildProxyEvent(
      request({ method: 'POST', rawHeaders: ['Content-Type', 'image/png'], body: Buffer.from([0, 255]) }),
      context,
    );
    expect(png).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('describes the request in requestContext, with the claims for the authorizer', () => {
    const claims = { sub: 'u1', 'cognito:groups': 'admin' };
    const event = buildProxyEvent(request(), {
      ...context,
      claims,
      now: new Date('2025-11-25T09:04:05.678Z'),
    });
    expect(event.resource).toBe('/api/personas/{id}');
    expect(event.requestContext).toMatchObject({
      requestId: 'req-1',
      stage: 'dev',
      resourcePath: '/api/personas/{id}',
      httpMethod: 'GET',
      path: '/api/personas/p1',
      requestTime: '25/Nov/2025:09:04:05 +0000',
      requestTimeEpoch: 1764061445678,
      identity: { sourceIp: '10.0.0.7', userAgent: 'spec', cognitoIdentityId: null },
      authorizer: { claims },
    });
    expect(event.headers['X-Forwarded-For']).toBe('10.0.0.7');
  });
});

describe('isTextContentType', () => {
  it.each([
    'application/json',
    'text/plain; charset=utf-8',
    'application/problem+json',
    'application/x-www-form-urlencoded',
    undefined,
  ])('treats %s as text', (type) => expect(isTextContentType(type)).toBe(true));
  it.each(['image/png', 'application/octet-stream', 'application/pdf', 'multipart/form-data; boundary=x'])(
    'treats %s as binary',
    (type) => expect(isTextContentType(type)).toBe(false),
  );
});

it('formats requestTime like API Gateway', () => {
  expect(requestTime(new Date('2025-01-02T03:04:05Z'))).toBe('02/Jan/2025:03:04:05 +0000');
});
