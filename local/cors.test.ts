// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings, not JS templates
import {
  allowedOrigin,
  type CorsSettings,
  gatewayCorsHeaders,
  preflightHeaders,
  readCors,
  unquote,
} from './cors';
import { type CfnTemplate, createResolver } from './template';

const settings = (allowOrigin: string): CorsSettings => ({
  allowOrigin,
  allowMethods: 'GET,POST',
  allowHeaders: 'Content-Type,Authorization',
  maxAge: '600',
  allowCredentials: false,
});

const apiWithCors = (cors: unknown): CfnTemplate => ({
  Resources: { Api: { Type: 'AWS::Serverless::Api', Properties: { Cors: cors } } },
});

describe('readCors', () => {
  const resolver = (template: CfnTemplate) => createResolver(template, {});

  it('unquotes the SAM settings', () => {
    const template = apiWithCors({ AllowOrigin: "'*'", AllowMethods: "'GET,PUT'", MaxAge: "'86400'" });
    expect(readCors(template, resolver(template))).toMatchObject({
      allowOrigin: '*',
      allowMethods: 'GET,PUT',
      maxAge: '86400',
    });
    expect(unquote("  'x' ")).toBe('x');
  });

  it('reads the string shorthand as AllowOrigin', () => {
    const template = apiWithCors("'https://a.example'");
    expect(readCors(template, resolver(template))?.allowOrigin).toBe('https://a.example');
  });

  it('falls back to the local origins when the template origin exists only in AWS', () => {
    const template = apiWithCors({ AllowOrigin: { 'Fn::Sub': "'https://${Site.DomainName}'" } });
    expect(readCors(template, resolver(template), ['http://localhost:3000'])?.allowOrigin).toBe(
      'http://localhost:3000',
    );
  });
});

describe('origin decisions', () => {
  it('answers * to everyone when the setting is *', () => {
    expect(allowedOrigin(settings('*'), 'https://any.example')).toBe('*');
    expect(preflightHeaders(settings('*'), 'https://any.example')).not.toHaveProperty('Vary');
  });

  it('echoes a listed origin with Vary: Origin and refuses the others', () => {
    const cors = settings('https://a.example,http://localhost:3000');
    expect(preflightHeaders(cors, 'http://localhost:3000')).toEqual({
      'Access-Control-Allow-Origin': 'http://localhost:3000',
      Vary: 'Origin',
      'Access-Control-Allow-Methods': 'GET,POST',
      'Access-Control-Allow-Headers': 'Content-Type,Authorization',
      'Access-Control-Max-Age': '600',
    });
    expect(preflightHeaders(cors, 'https://evil.example')).toEqual({});
    expect(gatewayCorsHeaders(cors, undefined)).toEqual({});
  });
});
