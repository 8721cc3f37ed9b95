/** Builders for Lambda events and contexts shaped exactly as API Gateway REST (payload v1) sends them. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

export interface TestCaller {
  sub: string;
  name: string;
  admin?: boolean;
}

export function claimsFor(caller: TestCaller): Record<string, string> {
  return {
    sub: caller.sub,
    email: `${caller.name.toLowerCase().replace(/\W+/g, '.')}@example.test`,
    'cognito:username': caller.name,
    ...(caller.admin ? { 'cognito:groups': 'admin' } : {}),
  };
}

let n = 0;
/** A fresh caller with a unique sub. */
export function newCaller(name = 'Tester', admin = false): TestCaller {
  n += 1;
  return { sub: `test-${randomUUID()}`, name: `${name} ${n}`, admin };
}

export interface ApiEventInput {
  method: string;
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  caller?: TestCaller;
}

export function apiEvent(input: ApiEventInput): APIGatewayProxyEvent {
  let path = input.resource;
  for (const [k, v] of Object.entries(input.pathParameters ?? {}))
    path = path.replace(`{${k}}`, encodeURIComponent(v));
  const headers: Record<string, string> = {
    Host: 'api.example.test',
    ...(input.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...input.headers,
  };
  const requestId = randomUUID();
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query
      ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.rawBody ?? (input.body === undefined ? null : JSON.stringify(input.body)),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      authorizer: input.caller ? { claims: claimsFor(input.caller) } : null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      identity: {
        sourceIp: '127.0.0.1',
        userAgent: 'jest',
      } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/test${path}`,
      stage: 'test',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: input.resource,
    },
  };
}

export function lambdaContext(functionName = 'test-function'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes an API handler and parses its JSON body. */
export async function invoke(
  handler: (e: APIGatewayProxyEvent, c: Context) => Promise<unknown>,
  input: ApiEventInput,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON response bodies
): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  const res = (await handler(apiEvent(input), lambdaContext())) as {
    statusCode: number;
    headers?: Record<string, string>;
    body: string;
  };
  return {
    status: res.statusCode,
    headers: res.headers ?? {},
    body: res.body ? JSON.parse(res.body) : undefined,
  };
}
