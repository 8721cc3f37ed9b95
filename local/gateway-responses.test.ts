// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings, not JS templates
import { GatewayResponses } from './gateway-responses';
import { type CfnTemplate, createResolver } from './template';

const withResponses = (responses?: unknown): CfnTemplate => ({
  Resources: { Api: { Type: 'AWS::Serverless::Api', Properties: { GatewayResponses: responses } } },
});
const render = (template: CfnTemplate, ...args: Parameters<GatewayResponses['render']>) =>
  GatewayResponses.fromTemplate(template, createResolver(template, {})).render(...args);
const json = (body: Buffer) => JSON.parse(body.toString());

describe('GatewayResponses', () => {
  it('uses API Gateway defaults when the template has none', () => {
    const res = render(withResponses(), 'UNAUTHORIZED', { requestId: 'r1', requestHeaders: {} });
    expect(res.statusCode).toBe(401);
    expect(json(res.body)).toEqual({ message: 'Unauthorized' });
    expect(res.headers['x-amzn-ErrorType']).toEqual(['UnauthorizedException']);
    expect(
      render(withResponses(), 'INTEGRATION_TIMEOUT', { requestId: 'r', requestHeaders: {} }).statusCode,
    ).toBe(504);
  });

  it('renders the DEFAULT_4XX / DEFAULT_5XX template with $context values', () => {
    const template = withResponses({
      DEFAULT_4XX: {
        ResponseTemplates: {
          'application/json':
            '{"error":{"code":"$context.error.responseType","message":$context.error.messageString,"requestId":"$context.requestId"}}',
        },
      },
    });
    const res = render(template, 'UNAUTHORIZED', {
      requestId: 'r2',
      requestHeaders: {},
      message: 'The incoming token has expired',
    });
    expect(json(res.body)).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'The incoming token has expired', requestId: 'r2' },
    });
    // No DEFAULT_5XX: the 5xx keeps the default body.
    expect(
      json(render(template, 'INTEGRATION_FAILURE', { requestId: 'r', requestHeaders: {} }).body),
    ).toEqual({
      message: 'Internal server error',
    });
  });

  it('prefers a specific response type and its status code', () => {
    const template = withResponses({ UNAUTHORIZED: { StatusCode: 403 }, DEFAULT_4XX: { StatusCode: 400 } });
    expect(render(template, 'UNAUTHORIZED', { requestId: 'r', requestHeaders: {} }).statusCode).toBe(403);
    expect(render(template, 'REQUEST_TOO_LARGE', { requestId: 'r', requestHeaders: {} }).statusCode).toBe(
      400,
    );
  });

  it('adds literal headers and headers copied from the request, skipping values that exist only in AWS', () => {
    const template = withResponses({
      DEFAULT_4XX: {
        ResponseParameters: {
          Headers: {
            Vary: "'Origin'",
            'X-Echo': 'method.request.header.x-trace',
            'Access-Control-Allow-Origin': { 'Fn::Sub': "'https://${Site.DomainName}'" },
          },
        },
      },
    });
    const res = render(template, 'UNAUTHORIZED', { requestId: 'r', requestHeaders: { 'X-Trace': 't-1' } });
    expect(res.headers).toMatchObject({ Vary: ['Origin'], 'X-Echo': ['t-1'] });
    expect(res.headers).not.toHaveProperty('Access-Control-Allow-Origin');
  });
});
