/**
 * CORS at the gateway: API Gateway answers every preflight itself with the mapping template in the Api's
 * DefinitionBody, which must echo each allowed origin (the site's own and AllowedOrigins) and nothing else.
 * The template is run for real requests by a small VTL evaluator, on template.yaml and, where the SAM
 * translator is available, on the API definition the transform produces.
 */
import path from 'node:path';
import { CORS_HEADERS, CORS_MAX_AGE, CORS_METHODS } from '@amianai/shared/http';
import { type CfnTemplate, createResolver, parameterValues, resolveValue } from '../../local/template';
import { isObject, type Json, type JsonObject, loadTemplate, ROOT } from './cfn';
import { describeWithTranslator, translate } from './sam-translator';
import { evaluateVtl } from './vtl';

const template = loadTemplate(path.join(ROOT, 'template.yaml'));
const api = template.Resources.Api!.Properties!;
const CLOUDFRONT = 'd111111abcdef8.cloudfront.net';

function apiEventPaths(): Set<string> {
  const paths = new Set<string>();
  for (const r of Object.values(template.Resources)) {
    if (r.Type !== 'AWS::Serverless::Function') continue;
    for (const e of Object.values((r.Properties?.Events ?? {}) as Record<string, JsonObject>)) {
      if (e.Type === 'Api') paths.add(String((e.Properties as JsonObject).Path));
    }
  }
  return paths;
}

/** The `allowedOrigins` stage variable for a parameter set, resolved the way CloudFormation would. */
function allowedOrigins(cfn: unknown, overrides: Record<string, string>, variables: Json): string {
  const local = cfn as CfnTemplate;
  const resolver = createResolver(local, parameterValues(local, overrides), {
    getAtt: (resource, attribute) =>
      resource === 'SiteDistribution' && attribute === 'DomainName' ? CLOUDFRONT : undefined,
  });
  const value = resolveValue((variables as JsonObject).allowedOrigins, resolver);
  if (!value) throw new Error('allowedOrigins does not resolve');
  return value;
}

function mappedTemplate(mappings: Json | undefined, ref: Json | undefined): string {
  const args = isObject(ref) ? ref['Fn::FindInMap'] : undefined;
  if (!Array.isArray(args) || !isObject(mappings)) throw new Error('expected !FindInMap into Mappings');
  const [map, key, field] = args.map(String) as [string, string, string];
  return String(((mappings[map] as JsonObject)[key] as JsonObject)[field]);
}

function preflight(vtl: string, origins: string, headers: Record<string, string>) {
  return evaluateVtl(vtl, { headers, stageVariables: { allowedOrigins: origins } });
}

const expectedHeaders = (origin: string) => ({
  'Access-Control-Allow-Origin': origin,
  'Access-Control-Allow-Methods': CORS_METHODS,
  'Access-Control-Allow-Headers': CORS_HEADERS,
  'Access-Control-Max-Age': CORS_MAX_AGE,
});

const body = api.DefinitionBody as JsonObject;
const paths = body.paths as Record<string, JsonObject>;
const vtl = mappedTemplate(template.Mappings as Json, responseTemplateRef(paths['/api/health']!));

function responseTemplateRef(pathItem: JsonObject): Json | undefined {
  const integration = (pathItem.options as JsonObject)['x-amazon-apigateway-integration'] as JsonObject;
  const response = (integration.responses as JsonObject).default as JsonObject;
  return (response.responseTemplates as JsonObject)['application/json'];
}

describe('CORS preflight in template.yaml', () => {
  it('uses OpenAPI 3 (no extra "Stage" stage) with the preflights merged into the events the functions declare', () => {
    expect(api.OpenApiVersion).toBe('3.0');
    expect(api.MergeDefinitions).toBe(true);
    expect(api.Cors).toBeUndefined();
    expect(String(body.openapi)).toMatch(/^3\.0\./);
  });

  it('has a preflight for exactly the paths the functions serve', () => {
    expect(new Set(Object.keys(paths))).toEqual(apiEventPaths());
  });

  it('answers every preflight with a mock, publicly, through the one shared mapping template', () => {
    for (const [p, item] of Object.entries(paths)) {
      expect({ p, methods: Object.keys(item) }).toEqual({ p, methods: ['options'] });
      const op = item.options as JsonObject;
      expect(op.security).toBeUndefined();
      const integration = op['x-amazon-apigateway-integration'] as JsonObject;
      expect(integration.type).toBe('mock');
      expect(responseTemplateRef(item)).toEqual({
        'Fn::FindInMap': ['Cors', 'Preflight', 'ResponseTemplate'],
      });
      // Every header the template may set is declared on the method response.
      const declared = Object.keys(((op.responses as JsonObject)['204'] as JsonObject).headers as JsonObject);
      expect(declared.sort()).toEqual([...Object.keys(expectedHeaders('x')), 'Vary'].sort());
    }
  });

  it('gives the preflight the same origin list as the handlers', () => {
    const env = (template.Globals.Function.Environment as JsonObject).Variables as JsonObject;
    expect((api.Variables as JsonObject).allowedOrigins).toEqual(env.ALLOWED_ORIGINS);
  });

  describe('with the default parameters (CloudFront site origin + AllowedOrigins)', () => {
    const origins = allowedOrigins(template, {}, api.Variables as Json);

    it('lists the site and the extra origins', () => {
      expect(origins).toBe(`https://${CLOUDFRONT},https://amianai.com,http://localhost:3000`);
    });

    it.each([`https://${CLOUDFRONT}`, 'https://amianai.com', 'http://localhost:3000'])(
      'echoes %s with the methods, headers and max age the handlers use',
      (origin) => {
        expect(preflight(vtl, origins, { Origin: origin })).toEqual(expectedHeaders(origin));
        // HTTP/2 clients send the header in lower case.
        expect(preflight(vtl, origins, { origin })).toEqual(expectedHeaders(origin));
      },
    );

    it.each([
      ['another site', { Origin: 'https://evil.example' }],
      ['an allowed origin with a different port', { Origin: 'http://localhost:3001' }],
      ['a prefix of an allowed origin', { Origin: 'http://localhost' }],
      ['an empty origin', { Origin: '' }],
      ['no origin', {}],
    ])('gives %s no CORS headers at all', (_name, headers) => {
      expect(preflight(vtl, origins, headers)).toEqual({});
    });
  });

  describe('with a custom site domain', () => {
    it('allows only the site when AllowedOrigins is empty (prod)', () => {
      const origins = allowedOrigins(
        template,
        { SiteDomainName: 'amianai.com', AllowedOrigins: '' },
        api.Variables as Json,
      );
      expect(origins).toBe('https://amianai.com');
      expect(preflight(vtl, origins, { Origin: 'https://amianai.com' })).toEqual(
        expectedHeaders('https://amianai.com'),
      );
      expect(preflight(vtl, origins, { Origin: 'http://localhost:3000' })).toEqual({});
    });

    it('overrides each header once when the site is listed again in AllowedOrigins', () => {
      const origins = allowedOrigins(template, { SiteDomainName: 'amianai.com' }, api.Variables as Json);
      expect(origins).toBe('https://amianai.com,https://amianai.com,http://localhost:3000');
      expect(preflight(vtl, origins, { Origin: 'https://amianai.com' })).toEqual(
        expectedHeaders('https://amianai.com'),
      );
    });
  });

  it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])(
    'gives %s gateway responses the caller origin (no credentials, no data) and the JSON error shape',
    (type) => {
      const response = (api.GatewayResponses as JsonObject)[type] as JsonObject;
      const headers = (response.ResponseParameters as JsonObject).Headers as JsonObject;
      expect(headers['Access-Control-Allow-Origin']).toBe('method.request.header.Origin');
      expect(headers.Vary).toBe("'Origin'");
      expect(headers['Access-Control-Allow-Credentials']).toBeUndefined();
      const text = String((response.ResponseTemplates as JsonObject)['application/json']);
      expect(text).toContain('"error":{"code":');
      expect(text).toContain('"requestId":"$context.requestId"');
    },
  );
});

describeWithTranslator('CORS preflight in the transformed API definition', () => {
  const parameters = { AllowedOrigins: 'http://localhost:3000' };

  it('answers each allowed origin, from every path, in the RestApi body CloudFormation receives', () => {
    const result = translate(parameters);
    expect(result.output).toContain('OK:');
    const out = result.template!;
    const stage = Object.values(out.Resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
    const origins = allowedOrigins(out, parameters, stage.Properties!.Variables as Json);
    expect(origins).toBe(`https://${CLOUDFRONT},http://localhost:3000`);

    const restApi = out.Resources.Api!;
    expect(restApi.Type).toBe('AWS::ApiGateway::RestApi');
    const outPaths = (restApi.Properties!.Body as JsonObject).paths as Record<string, JsonObject>;
    expect(new Set(Object.keys(outPaths))).toEqual(apiEventPaths());
    for (const [p, item] of Object.entries(outPaths)) {
      const text = mappedTemplate(out.Mappings as Json, responseTemplateRef(item));
      for (const origin of [`https://${CLOUDFRONT}`, 'http://localhost:3000']) {
        expect({ p, headers: preflight(text, origins, { Origin: origin }) }).toEqual({
          p,
          headers: expectedHeaders(origin),
        });
      }
      expect(preflight(text, origins, { Origin: 'https://evil.example' })).toEqual({});
      // The real methods were merged in beside the preflight, behind the authorizer unless public.
      expect(Object.keys(item).length).toBeGreaterThan(1);
    }
  });
});
