/** The WebSocket API in template.yaml (DESIGN §12) and the local server's reading of it. */

import path from 'node:path';
import { loadTemplate as loadLocal } from '../../local/template';
import { readWebSocketApi, selectRoute } from '../../local/websocket-routes';
import { loadTemplate, ROOT } from './cfn';

const template = loadTemplate();
const resources = Object.entries(template.Resources);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
type Loose = { Condition?: string; Properties: Record<string, unknown> };
/** The one resource of a type. */
const only = (type: string): Loose => {
  const found = ofType(type);
  expect(found).toHaveLength(1);
  return found[0]![1] as unknown as Loose;
};
const api = readWebSocketApi(loadLocal(path.join(ROOT, 'template.yaml')))!;

describe('the WebSocket API', () => {
  it('selects routes by the action field and serves $connect, $disconnect, subscribe, unsubscribe and $default', () => {
    expect(api.routeSelection).toBe('$request.body.action');
    expect([...api.routes.keys()].sort()).toEqual([
      '$connect',
      '$default',
      '$disconnect',
      'subscribe',
      'unsubscribe',
    ]);
    for (const route of api.routes.values()) expect(route.functionId).toBe('WsConnectionsFunction');
  });

  it('guards only $connect, with a REQUEST authorizer reading the token from the query string', () => {
    expect([...api.routes.values()].filter((r) => r.authorized).map((r) => r.routeKey)).toEqual(['$connect']);
    expect(api.tokenQueryParameter).toBe('token');
    const authorizer = only('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('REQUEST');
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(
      'WsConnectAuthorizerFunction.Alias',
    );
  });

  it('answers client messages through route responses, and $connect/$disconnect through none', () => {
    const replying = [...api.routes.values()]
      .filter((r) => r.replies)
      .map((r) => r.routeKey)
      .sort();
    expect(replying).toEqual(['$default', 'subscribe', 'unsubscribe']);
  });

  it('routes an unknown or unparsable message to $default', () => {
    expect(selectRoute(api, '{"action":"subscribe"}')?.routeKey).toBe('subscribe');
    expect(selectRoute(api, '{"action":"$connect"}')?.routeKey).toBe('$default');
    expect(selectRoute(api, 'not json')?.routeKey).toBe('$default');
  });

  it('lets only the functions that push post to connections, on this API and stage only', () => {
    const policies = ofType('AWS::IAM::Policy').filter(([, r]) =>
      JSON.stringify(r.Properties).includes('execute-api:ManageConnections'),
    );
    expect(policies).toHaveLength(1);
    const props = policies[0]![1].Properties as {
      Roles: { Ref: string }[];
      PolicyDocument: { Statement: Record<string, unknown>[] };
    };
    expect(props.Roles.map((r) => r.Ref).sort()).toEqual(
      [
        'AiFunctionRole',
        'AiWorkerFunctionRole',
        'ConversationsFunctionRole',
        'GamesFunctionRole',
        'SweeperFunctionRole',
      ].sort(),
    );
    expect(props.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:ManageConnections',
        Resource: {
          'Fn::Sub':
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not JavaScript
            'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebSocketApi}/${Stage}/POST/@connections/*',
        },
      },
    ]);
    expect(JSON.stringify(template.Globals)).toContain('PUSH_ENDPOINT');
  });

  it('logs and throttles its stage, and maps ws.<ApiDomainName> when the REST API has a domain', () => {
    const stage = only('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.AccessLogSettings).toBeDefined();
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: { Ref: 'ApiThrottlingRateLimit' },
      ThrottlingBurstLimit: { Ref: 'ApiThrottlingBurstLimit' },
    });
    const domain = only('AWS::ApiGatewayV2::DomainName');
    expect(domain.Condition).toBe('HasApiDomain');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub, not JavaScript
    expect(domain.Properties.DomainName).toEqual({ 'Fn::Sub': 'ws.${ApiDomainName}' });
    expect(ofType('AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
  });

  it('keeps every WebSocket resource in one block of the template', () => {
    const ids = Object.keys(template.Resources);
    const ws = ids
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => /^(WebSocket|Ws[A-Z]|PushToConnections)/.test(id));
    expect(ws.length).toBeGreaterThan(10);
    expect(ws.at(-1)!.index - ws[0]!.index + 1).toBe(ws.length);
  });
});
