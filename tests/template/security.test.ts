/** Auth, CORS, least privilege and the private data stores: the template's security promises. */
import { CORS_HEADERS, CORS_MAX_AGE, CORS_METHODS } from '@amianai/shared/http';
import { isObject, type Json, type JsonObject, loadTemplate } from './cfn';

const template = loadTemplate();
const resources = template.Resources;
const api = resources.Api!.Properties!;
const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function');

const dbSecret = {
  'Fn::If': [
    'CreateDatabase',
    { 'Fn::GetAtt': ['Database', 'MasterUserSecret.SecretArn'] },
    { Ref: 'ExistingDbSecretArn' },
  ],
};
const openAiSecret = {
  'Fn::If': ['CreateOpenAiSecret', { Ref: 'OpenAiSecret' }, { Ref: 'OpenAiSecretArn' }],
};

function apiEvents(): [string, string, JsonObject][] {
  return functions.flatMap(([id, fn]) =>
    Object.entries((fn.Properties?.Events ?? {}) as Record<string, JsonObject>)
      .filter(([, e]) => e.Type === 'Api')
      .map(([name, e]) => [id, name, e.Properties as JsonObject] as [string, string, JsonObject]),
  );
}

/** Every IAM statement written in the template: roles, bucket policies and function inline statements. */
function statements(): { where: string; statement: JsonObject }[] {
  const found: { where: string; statement: JsonObject }[] = [];
  const visit = (node: Json | undefined, where: string) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, where);
    } else if (isObject(node)) {
      if (Array.isArray(node.Statement))
        for (const s of node.Statement) if (isObject(s)) found.push({ where, statement: s });
      for (const v of Object.values(node)) visit(v, where);
    }
  };
  for (const [id, r] of Object.entries(resources)) visit(r.Properties as Json, id);
  return found;
}

describe('API authorization', () => {
  it('uses the Cognito user pool as the default authorizer, with preflight left public', () => {
    expect(api.Auth).toEqual({
      DefaultAuthorizer: 'CognitoAuthorizer',
      AddDefaultAuthorizerToCorsPreflight: false,
      Authorizers: {
        CognitoAuthorizer: {
          UserPoolArn: { 'Fn::GetAtt': ['UserPool', 'Arn'] },
          Identity: { Header: 'Authorization' },
        },
      },
    });
  });

  it('exempts only the health endpoint and the OpenAPI document from the authorizer', () => {
    const open = apiEvents()
      .filter(([, , p]) => p.Auth !== undefined)
      .map(([, , p]) => [p.Path, p.Method, p.Auth]);
    expect(open).toEqual([
      ['/api/health', 'GET', { Authorizer: 'NONE' }],
      ['/api/openapi.json', 'GET', { Authorizer: 'NONE' }],
    ]);
  });

  it('attaches every API event to the one REST API under /api', () => {
    for (const [, , p] of apiEvents()) {
      expect(p.RestApiId).toEqual({ Ref: 'Api' });
      expect(String(p.Path)).toMatch(/^\/api\//);
    }
  });

  it('has a Cognito pool with email sign-in, a strong password policy and an admin group', () => {
    expect(resources.UserPool!.Properties).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
        },
      },
    });
    expect(resources.AdminGroup!.Properties).toMatchObject({
      GroupName: 'admin',
      UserPoolId: { Ref: 'UserPool' },
    });
  });

  it('registers the SPA as a public client using the code flow (PKCE) with the site callback', () => {
    const client = resources.UserPoolClient!.Properties!;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email']),
    });
    expect(JSON.stringify(client.CallbackURLs)).toContain('/auth/callback');
    expect(resources.UserPoolDomain!.Properties!.UserPoolId).toEqual({ Ref: 'UserPool' });
  });
});

describe('CORS', () => {
  const cors = api.Cors as JsonObject;
  const unquote = (v: Json | undefined) => String(v).replace(/^'|'$/g, '');

  it('answers preflight with the methods, headers and max age the handlers use', () => {
    expect(unquote(cors.AllowMethods)).toBe(CORS_METHODS);
    expect(unquote(cors.AllowHeaders)).toBe(CORS_HEADERS);
    expect(unquote(cors.MaxAge)).toBe(CORS_MAX_AGE);
  });

  it('allows the site origin at the gateway, never a wildcard', () => {
    expect(JSON.stringify(cors.AllowOrigin)).toContain('SiteDomainName');
    expect(JSON.stringify(api)).not.toContain("'*'");
  });

  it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])(
    'adds CORS and the JSON error shape to %s gateway responses',
    (type) => {
      const response = (api.GatewayResponses as JsonObject)[type] as JsonObject;
      const headers = (response.ResponseParameters as JsonObject).Headers as JsonObject;
      expect(JSON.stringify(headers['Access-Control-Allow-Origin'])).toContain('SiteDomainName');
      const body = String((response.ResponseTemplates as JsonObject)['application/json']);
      expect(body).toContain('"error":{"code":');
      expect(body).toContain('"requestId":"$context.requestId"');
    },
  );
});

describe('least privilege', () => {
  it('never allows a write action on every resource', () => {
    const wildcardWrites = statements().filter(({ statement }) => {
      if (statement.Effect !== 'Allow') return false;
      const res = [statement.Resource].flat();
      const actions = [statement.Action].flat().map(String);
      return res.includes('*') && actions.some((a) => !/:(Get|List|Describe)/.test(a));
    });
    expect(wildcardWrites).toEqual([]);
  });

  it('lets each database function read exactly the database secret, and health and openapi nothing', () => {
    for (const [id, fn] of functions) {
      const policies = (fn.Properties?.Policies ?? []) as JsonObject[];
      const secrets = policies
        .filter((p) => isObject(p) && p.AWSSecretsManagerGetSecretValuePolicy)
        .map((p) => (p.AWSSecretsManagerGetSecretValuePolicy as JsonObject).SecretArn);
      const expected =
        id === 'HealthFunction' || id === 'OpenapiFunction'
          ? []
          : ['AiFunction', 'AiWorkerFunction'].includes(id)
            ? [dbSecret, openAiSecret]
            : [dbSecret];
      expect({ id, secrets }).toEqual({ id, secrets: expected });
    }
  });

  it('scopes queue permissions to the reply queue', () => {
    for (const [, fn] of functions) {
      for (const p of (fn.Properties?.Policies ?? []) as JsonObject[]) {
        if (isObject(p) && p.SQSSendMessagePolicy) {
          expect(p.SQSSendMessagePolicy).toEqual({
            QueueName: { 'Fn::GetAtt': ['ReplyQueue', 'QueueName'] },
          });
        }
      }
    }
  });
});

describe('data and hosting', () => {
  it('creates an encrypted, private PostgreSQL with managed credentials unless a secret is given', () => {
    expect(resources.Database).toMatchObject({
      Condition: 'CreateDatabase',
      DeletionPolicy: 'Snapshot',
      Properties: {
        Engine: 'postgres',
        StorageEncrypted: true,
        ManageMasterUserPassword: true,
        PubliclyAccessible: false,
      },
    });
    expect(resources.Database!.Properties!.MasterUserPassword).toBeUndefined();
  });

  it('lets only the functions (or the proxy) reach the database port', () => {
    const ingress = resources.DatabaseSecurityGroup!.Properties!.SecurityGroupIngress as JsonObject[];
    expect(ingress).toEqual([
      expect.objectContaining({
        FromPort: 5432,
        ToPort: 5432,
        SourceSecurityGroupId: {
          'Fn::If': ['UseRdsProxy', { Ref: 'ProxySecurityGroup' }, { Ref: 'FunctionSecurityGroup' }],
        },
      }),
    ]);
    expect(JSON.stringify(ingress)).not.toContain('CidrIp');
  });

  it('offers an RDS Proxy that requires TLS', () => {
    expect(resources.DatabaseProxy).toMatchObject({
      Condition: 'UseRdsProxy',
      Properties: { RequireTLS: true },
    });
  });

  it('keeps the site bucket private and readable only by the distribution over OAC', () => {
    expect(resources.SiteBucket!.Properties!.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = JSON.stringify(resources.SiteBucketPolicy!.Properties);
    expect(policy).toContain('cloudfront.amazonaws.com');
    expect(policy).toContain('AWS:SourceArn');
  });

  it('serves the site over HTTPS only, with SPA fallback and security headers', () => {
    const config = resources.SiteDistribution!.Properties!.DistributionConfig as JsonObject;
    const behavior = config.DefaultCacheBehavior as JsonObject;
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: 'SiteSecurityHeaders' });
    expect(config.CustomErrorResponses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      ]),
    );
    const headers = (resources.SiteSecurityHeaders!.Properties!.ResponseHeadersPolicyConfig as JsonObject)
      .SecurityHeadersConfig as JsonObject;
    expect(Object.keys(headers)).toEqual(
      expect.arrayContaining([
        'StrictTransportSecurity',
        'ContentTypeOptions',
        'FrameOptions',
        'ContentSecurityPolicy',
      ]),
    );
  });

  it('creates custom domain resources only when their parameters are set', () => {
    expect(resources.ApiDomain!.Condition).toBe('HasApiDomain');
    expect(resources.ApiBasePathMapping!.Condition).toBe('HasApiDomain');
    expect(resources.ApiDnsRecord!.Condition).toBe('HasApiDnsRecord');
    expect(resources.SiteDnsRecord!.Condition).toBe('HasSiteDnsRecord');
    expect(api.DisableExecuteApiEndpoint).toEqual({ 'Fn::If': ['HasApiDomain', true, false] });
  });
});
