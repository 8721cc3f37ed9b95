/**
 * The API's route table, built from every `Type: Api` event in the template, and matched the way API Gateway
 * picks a resource: literal segments before `{param}` before `{proxy+}`, then the method before ANY.
 */
import type { FunctionSpec } from './functions';
import { type CfnTemplate, isRecord } from './template';

export interface Route {
  functionId: string;
  eventName: string;
  /** The template path, e.g. /api/personas/{id}; becomes `resource` and `requestContext.resourcePath`. */
  resourcePath: string;
  /** Upper case; ANY matches every method. */
  method: string;
  /** `Auth: { Authorizer: NONE }`, or no authorizer configured at all. */
  isPublic: boolean;
}

/** The API resource a route belongs to: `RestApiId: !Ref Api`, or SAM's implicit API. */
function apiProperties(template: CfnTemplate, event: Record<string, unknown>): Record<string, unknown> {
  const ref = isRecord(event.RestApiId) ? event.RestApiId.Ref : undefined;
  const api = typeof ref === 'string' ? template.Resources[ref] : undefined;
  return { ...template.Globals?.Api, ...api?.Properties };
}

function hasDefaultAuthorizer(api: Record<string, unknown>): boolean {
  const auth = api.Auth;
  return isRecord(auth) && typeof auth.DefaultAuthorizer === 'string' && auth.DefaultAuthorizer !== 'NONE';
}

export function readRoutes(template: CfnTemplate, functions: FunctionSpec[]): Route[] {
  const routes: Route[] = [];
  for (const fn of functions) {
    for (const event of fn.events) {
      if (event.type !== 'Api') continue;
      const { Path, Method, Auth } = event.properties;
      if (typeof Path !== 'string' || typeof Method !== 'string') continue;
      const authorizer = isRecord(Auth) ? Auth.Authorizer : undefined;
      const isPublic =
        authorizer === 'NONE' ||
        (authorizer === undefined && !hasDefaultAuthorizer(apiProperties(template, event.properties)));
      const method = Method.toUpperCase();
      routes.push({ functionId: fn.logicalId, eventName: event.name, resourcePath: Path, method, isPublic });
    }
  }
  return routes;
}

interface ResourceNode {
  resourcePath?: string;
  methods: Map<string, Route>;
  literals: Map<string, ResourceNode>;
  param?: { name: string; node: ResourceNode };
  greedy?: { name: string; node: ResourceNode };
}

export interface RouteMatch {
  resourcePath: string;
  /** The route for this method (or ANY); undefined when the resource exists but not the method. */
  route?: Route;
  pathParameters: Record<string, string> | null;
}

const newNode = (): ResourceNode => ({ methods: new Map(), literals: new Map() });

/** Splits a request or template path into segments, ignoring empty ones (so a trailing slash does not matter). */
export function pathSegments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class RouteTable {
  private readonly root = newNode();

  constructor(readonly routes: Route[]) {
    for (const route of routes) this.add(route);
  }

  private add(route: Route): void {
    let node = this.root;
    for (const segment of pathSegments(route.resourcePath)) {
      const param = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!param) {
        const next = node.literals.get(segment) ?? newNode();
        node.literals.set(segment, next);
        node = next;
      } else {
        const slot = param[2] ? 'greedy' : 'param';
        node[slot] ??= { name: param[1]!, node: newNode() };
        node = node[slot].node;
      }
    }
    node.resourcePath = route.resourcePath;
    node.methods.set(route.method, route);
  }

  /** The resource for a request path (undefined when none), with the route for `method`. */
  match(method: string, path: string): RouteMatch | undefined {
    const found = this.find(this.root, pathSegments(path), 0, {});
    if (!found) return undefined;
    const { node, params } = found;
    const route = node.methods.get(method.toUpperCase()) ?? node.methods.get('ANY');
    return {
      resourcePath: node.resourcePath!,
      route,
      pathParameters: Object.keys(params).length > 0 ? params : null,
    };
  }

  private find(
    node: ResourceNode,
    segments: string[],
    index: number,
    params: Record<string, string>,
  ): { node: ResourceNode; params: Record<string, string> } | undefined {
    if (index === segments.length) return node.methods.size > 0 ? { node, params } : undefined;
    const segment = segments[index]!;
    const literal = node.literals.get(segment) ?? node.literals.get(decodeSegment(segment));
    const viaLiteral = literal && this.find(literal, segments, index + 1, params);
    if (viaLiteral) return viaLiteral;
    if (node.param) {
      const viaParam = this.find(node.param.node, segments, index + 1, {
        ...params,
        [node.param.name]: decodeSegment(segment),
      });
      if (viaParam) return viaParam;
    }
    if (node.greedy && node.greedy.node.methods.size > 0) {
      const rest = segments.slice(index).map(decodeSegment).join('/');
      return { node: node.greedy.node, params: { ...params, [node.greedy.name]: rest } };
    }
    return undefined;
  }
}
