/**
 * The template's WebSocket API as the local server serves it: the `AWS::ApiGatewayV2::Api` with protocol
 * WEBSOCKET, its routes (route key → the function behind the route's Lambda proxy integration, and whether a
 * route response sends the function's answer back), and the function of its REQUEST authorizer, if any.
 */
import { type CfnTemplate, isRecord, resourcesOfType } from './template';

export interface WebSocketRoute {
  routeKey: string;
  functionId: string;
  /** A route response exists: the integration's `body` goes back to the client. */
  replies: boolean;
  /** Guarded by the API's REQUEST authorizer ($connect). */
  authorized: boolean;
}

export interface WebSocketApiSpec {
  apiId: string;
  routeSelection: string;
  routes: Map<string, WebSocketRoute>;
  /** Where the authorizer reads the token, e.g. `token` for route.request.querystring.token. */
  tokenQueryParameter?: string;
}

const refOf = (value: unknown): string | undefined =>
  isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;

/** `${Logical<suffix>}` inside an Fn::Sub string (suffix a regex: `.Arn` or `.Alias`), or a plain Ref. */
function subTarget(value: unknown, suffix = ''): string | undefined {
  const ref = refOf(value);
  if (ref) return ref;
  const sub = isRecord(value) ? value['Fn::Sub'] : undefined;
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
  if (typeof text !== 'string') return undefined;
  const match = new RegExp(`\\$\\{([A-Za-z0-9]+)${suffix}\\}`).exec(text);
  return match?.[1];
}

export function readWebSocketApi(template: CfnTemplate): WebSocketApiSpec | undefined {
  const api = resourcesOfType(template, 'AWS::ApiGatewayV2::Api').find(
    ([, r]) => r.Properties?.ProtocolType === 'WEBSOCKET',
  );
  if (!api) return undefined;
  const [apiId, resource] = api;
  const belongs = (props: Record<string, unknown> | undefined) => refOf(props?.ApiId) === apiId;

  const integrations = new Map<string, string>();
  for (const [id, r] of resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')) {
    const fn = belongs(r.Properties)
      ? subTarget(r.Properties?.IntegrationUri, '\\.(?:Arn|Alias)')
      : undefined;
    if (fn) integrations.set(id, fn);
  }
  const authorizer = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer').find(([, r]) =>
    belongs(r.Properties),
  );
  const source = authorizer?.[1].Properties?.IdentitySource;
  const first = Array.isArray(source) ? source[0] : source;
  const tokenQueryParameter =
    typeof first === 'string' ? /^route\.request\.querystring\.(.+)$/.exec(first)?.[1] : undefined;

  const withResponse = new Set(
    resourcesOfType(template, 'AWS::ApiGatewayV2::RouteResponse')
      .filter(([, r]) => belongs(r.Properties))
      .map(([, r]) => refOf(r.Properties?.RouteId))
      .filter((id): id is string => Boolean(id)),
  );
  const routes = new Map<string, WebSocketRoute>();
  for (const [id, r] of resourcesOfType(template, 'AWS::ApiGatewayV2::Route')) {
    const props = r.Properties ?? {};
    if (!belongs(props) || typeof props.RouteKey !== 'string') continue;
    const integration = subTarget(props.Target);
    const functionId = integration ? integrations.get(integration) : undefined;
    if (!functionId) continue;
    routes.set(props.RouteKey, {
      routeKey: props.RouteKey,
      functionId,
      replies: withResponse.has(id),
      authorized: props.AuthorizationType === 'CUSTOM',
    });
  }
  const routeSelection = String(resource.Properties?.RouteSelectionExpression ?? '$request.body.action');
  return { apiId, routeSelection, routes, tokenQueryParameter };
}

/** The route a message selects: `$request.body.<field>` of a JSON object, else `$default`. */
export function selectRoute(spec: WebSocketApiSpec, body: string): WebSocketRoute | undefined {
  const field = /^\$request\.body\.(.+)$/.exec(spec.routeSelection)?.[1];
  let key: unknown;
  try {
    const parsed: unknown = JSON.parse(body);
    key = field && isRecord(parsed) ? parsed[field] : undefined;
  } catch {
    key = undefined;
  }
  const named = typeof key === 'string' && !key.startsWith('$') ? spec.routes.get(key) : undefined;
  return named ?? spec.routes.get('$default');
}
