/** Auth, CORS, least privilege and the private data stores: the template's security promises. */
import { isObject, type Json, type JsonObject, loadTemplate } from './cfn';

const template = loadTemplate();
const resources = template.Resources;
const api = resources.Api!.Properties!;
const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function');

const masterSecret = {
  'Fn::If': [
    'CreateDatabase',
    { 'Fn::GetAtt': ['Database', 'MasterUserSecret.SecretArn'] },
    { Ref: 'ExistingDbSecretArn' },
  ],
};
const appSecret = {
  'Fn::If': ['CreateDatabase', { Ref: 'AppDbSecret' }, { Ref: 'ExistingDbSecretArn' }],
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

  it('lets each database function read exactly its database secret, and health, openapi and the WebSocket authorizer nothing', () => {
    for (const [id, fn] of functions) {
      const policies = (fn.Properties?.Policies ?? []) as JsonObject[];
      // `!If [CreateDatabase, policy, NoValue]` counts as the policy.
      const secrets = policies
        .map((p) => (isObject(p) && Array.isArray(p['Fn::If']) ? (p['Fn::If'][1] as JsonObject) : p))
        .filter((p) => isObject(p) && p.AWSSecretsManagerGetSecretValuePolicy)
        .map((p) => (p.AWSSecretsManagerGetSecretValuePolicy as JsonObject).SecretArn);
      const expected =
        id === 'HealthFunction' || id === 'OpenapiFunction' || id === 'WsConnectAuthorizerFunction'
          ? []
          : id === 'AdminFunction'
            ? [masterSecret, { Ref: 'AppDbSecret' }]
            : ['AiFunction', 'AiWorkerFunction'].includes(id)
              ? [appSecret, openAiSecret]
              : [appSecret];
      expect({ id, secrets }).toEqual({ id, secrets: expected });
    }
  });

  it('connects every function but admin as the application role when the stack creates the database', () => {
    const env = (template.Globals.Function.Environment as JsonObject).Variables as JsonObject;
    expect(env.DB_SECRET_ARN).toEqual(appSecret);
    const admin = resources.AdminFunction!.Properties!.Environment as JsonObject;
    expect((admin.Variables as JsonObject).DB_SECRET_ARN).toEqual(masterSecret);
    expect(resources.AppDbSecret).toMatchObject({
      Condition: 'CreateDatabase',
      Properties: { GenerateSecretString: { GenerateStringKey: 'password', ExcludePunctuation: true } },
    });
    const proxyAuth = JSON.stringify(resources.DatabaseProxy!.Properties!.Auth);
    expect(proxyAuth).toContain('AppDbSecret');
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
    // The execute-api URL stays as the fallback until the stack itself creates the domain's DNS records.
    expect(api.DisableExecuteApiEndpoint).toEqual({ 'Fn::If': ['HasApiDnsRecord', true, false] });
    expect(template.Outputs.ApiDomainTarget).toMatchObject({
      Condition: 'HasApiDomain',
      Value: { 'Fn::GetAtt': ['ApiDomain', 'RegionalDomainName'] },
    });
    expect(template.Outputs.SiteDomainTarget!.Value).toEqual({
      'Fn::GetAtt': ['SiteDistribution', 'DomainName'],
    });
  });
});
