/**
 * Builds the OpenAPI 3.1 document of the whole API from what actually serves it: the routes of template.yaml
 * (paths, methods, which are public) and each function's `router` (TypeBox schemas, which are JSON Schema).
 * Writes functions/openapi/openapi.json, which the openapi function serves; a test keeps the two in step.
 * Then refreshes the web app's types from it (scripts/api-types.ts).
 *
 *   npm run openapi   (tsx scripts/openapi.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@amianai/shared/config';
import type { Router } from '@amianai/shared/http';
import { WRITE_WINDOW_SECONDS } from '@amianai/shared/limits';
import type { TSchema } from '@sinclair/typebox';
import { yamlParse } from 'yaml-cfn';

const ROOT = path.resolve(__dirname, '..');
export const OPENAPI_FILE = path.join(ROOT, 'functions', 'openapi', 'openapi.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Route = Router['routes'][number];

/** One API event of template.yaml. */
export interface TemplateRoute {
  functionId: string;
  folder: string;
  eventName: string;
  method: string;
  path: string;
  isPublic: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** XxxYyyFunction → functions/xxx-yyy (the build convention). */
export const folderOf = (functionId: string) =>
  functionId
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

export function templateRoutes(file = path.join(ROOT, 'template.yaml')): TemplateRoute[] {
  const template: unknown = yamlParse(readFileSync(file, 'utf8'));
  const resources = isObject(template) && isObject(template.Resources) ? template.Resources : {};
  const routes: TemplateRoute[] = [];
  for (const [functionId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== 'AWS::Serverless::Function') continue;
    const events =
      isObject(resource.Properties) && isObject(resource.Properties.Events) ? resource.Properties.Events : {};
    for (const [eventName, event] of Object.entries(events)) {
      if (!isObject(event) || event.Type !== 'Api' || !isObject(event.Properties)) continue;
      const { Path, Method, Auth } = event.Properties;
      if (typeof Path !== 'string' || typeof Method !== 'string') continue;
      routes.push({
        functionId,
        folder: folderOf(functionId),
        eventName,
        method: Method.toUpperCase(),
        path: Path,
        isPublic: isObject(Auth) && Auth.Authorizer === 'NONE',
      });
    }
  }
  return routes;
}

/** The limits every client meets, from the code's own defaults and the template's: documented once, here. */
export interface ApiLimits {
  maxBodyBytes: number;
  maxBodyDepth: number;
  writesPerMinute: number;
}

export function apiLimits(file = path.join(ROOT, 'template.yaml')): ApiLimits {
  const defaults = loadConfig({});
  const template: unknown = yamlParse(readFileSync(file, 'utf8'));
  const parameter =
    isObject(template) &&
    isObject(template.Parameters) &&
    isObject(template.Parameters.WriteRateLimitPerMinute)
      ? template.Parameters.WriteRateLimitPerMinute.Default
      : undefined;
  return {
    maxBodyBytes: defaults.maxBodyBytes,
    maxBodyDepth: defaults.maxBodyDepth,
    writesPerMinute: typeof parameter === 'number' ? parameter : defaults.writeRateLimitPerMinute,
  };
}

function errorDescriptions(limits: ApiLimits): Record<number, string> {
  return {
    400:
      'Invalid input: `details` lists each problem (invalid_request, invalid_json, invalid_cursor): unknown ' +
      `or repeated query parameters, unknown body fields, a body nested deeper than ${limits.maxBodyDepth} levels`,
    401: 'No or invalid ID token (unauthorized)',
    403: 'Signed in but not allowed (forbidden)',
    404: 'Not found, or not visible to the caller (not_found)',
    409: 'Conflicts with the current state (e.g. version_conflict, persona_in_use, persona_limit_reached)',
    413: `Body larger than ${limits.maxBodyBytes} bytes (payload_too_large)`,
    415: 'Body is not application/json (unsupported_media_type)',
    429:
      `Rate limit: at most ${limits.writesPerMinute} writes per user in any ${WRITE_WINDOW_SECONDS} seconds (rate_limited), or the ` +
      'AI budget is spent (budget_exceeded); see Retry-After',
    500: 'Unexpected failure (internal_error); never carries internals',
    502: 'An upstream service answered badly',
    503: 'A dependency is unavailable (service_unavailable); retry shortly',
    504: 'An upstream service timed out',
  };
}

const ERROR_SCHEMA: JsonObject = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. not_found' },
        message: { type: 'string', description: 'Human-readable explanation' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
        requestId: { type: 'string', description: 'Quote it when reporting a problem' },
      },
    },
  },
};

/**
 * TypeBox schema → plain JSON (symbols dropped). Schemas carrying an `$id` move to components.schemas and
 * are referenced, so each shape is described once.
 */
function toJsonSchema(schema: TSchema, components: JsonObject): Json {
  const walk = (node: unknown): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node as Json;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) if (key !== '$id') out[key] = walk(value);
    const id = node.$id;
    if (typeof id !== 'string') return out;
    components[id] ??= out;
    return { $ref: `#/components/schemas/${id}` };
  };
  return walk(schema);
}

function parameters(route: Route, components: JsonObject): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [
    ['path', route.schemas.params],
    ['query', route.schemas.query],
  ] as const) {
    if (!schema) continue;
    const required = new Set<string>((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
      const json = toJsonSchema(property, components) as JsonObject;
      const { description, ...rest } = json;
      list.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(description !== undefined ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

function errorStatuses(route: Route, isPublic: boolean): number[] {
  const statuses = new Set<number>(route.schemas.errors ?? []);
  // Every route refuses unknown query parameters (and a body where it takes none).
  statuses.add(400);
  if (route.schemas.params) statuses.add(404);
  if (route.schemas.body || route.method !== 'GET') statuses.add(413);
  if (route.schemas.body) statuses.add(415);
  if (!isPublic) {
    statuses.add(401);
    statuses.add(503);
  }
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function operation(route: Route, t: TemplateRoute, components: JsonObject): JsonObject {
  const responses: JsonObject = {};
  for (const [status, schema] of Object.entries(route.schemas.responses ?? { 200: null })) {
    responses[status] = {
      description: Number(status) === 204 ? 'No content' : 'Success',
      ...(schema ? { content: { 'application/json': { schema: toJsonSchema(schema, components) } } } : {}),
    };
  }
  const isPublic = route.schemas.auth === 'public';
  for (const status of errorStatuses(route, isPublic))
    responses[status] = { $ref: `#/components/responses/E${status}` };
  const body = route.schemas.body;
  const params = parameters(route, components);
  return {
    operationId: t.eventName.charAt(0).toLowerCase() + t.eventName.slice(1),
    tags: [t.folder],
    ...(route.schemas.summary ? { summary: route.schemas.summary } : {}),
    // From the route's declared access, which the router enforces; the template must agree (authMismatches).
    security: isPublic ? [] : [{ cognito: [] }],
    ...(params.length ? { parameters: params } : {}),
    ...(body
      ? {
          requestBody: {
            required: ((body.required as string[] | undefined) ?? []).length > 0,
            content: { 'application/json': { schema: toJsonSchema(body, components) } },
          },
        }
      : {}),
    responses,
  };
}

export interface BuildResult {
  document: JsonObject;
  /** Template routes whose function exists but whose router does not serve them. */
  unserved: TemplateRoute[];
  /** Router routes the template does not expose. */
  unexposed: string[];
  /** Functions with API routes in the template but no handler yet. */
  missingFunctions: string[];
  /** Routes public in the router but behind the authorizer in the template, or the reverse. */
  authMismatches: string[];
}

async function loadRouter(folder: string): Promise<Router | undefined> {
  const routes = path.join(ROOT, 'functions', folder, 'routes.ts');
  const file = existsSync(routes) ? routes : path.join(ROOT, 'functions', folder, 'handler.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(file)) as { router?: Router };
  return mod.router;
}

export async function buildOpenApi(): Promise<BuildResult> {
  const routes = templateRoutes();
  const schemas: JsonObject = { Error: ERROR_SCHEMA };
  const paths: Record<string, JsonObject> = {};
  const result: Omit<BuildResult, 'document'> = {
    unserved: [],
    unexposed: [],
    missingFunctions: [],
    authMismatches: [],
  };
  const folders = [...new Set(routes.map((r) => r.folder))].sort();
  for (const folder of folders) {
    const router = await loadRouter(folder);
    const mine = routes.filter((r) => r.folder === folder);
    if (!router) {
      result.missingFunctions.push(folder);
      continue;
    }
    for (const t of mine) {
      const route = router.routes.find((r) => r.method === t.method && r.resource === t.path);
      if (!route) {
        result.unserved.push(t);
        continue;
      }
      if ((route.schemas.auth === 'public') !== t.isPublic)
        result.authMismatches.push(`${t.method} ${t.path}`);
      paths[t.path] ??= {};
      paths[t.path]![t.method.toLowerCase()] = operation(route, t, schemas);
    }
    for (const r of router.routes) {
      if (!mine.some((t) => t.method === r.method && t.path === r.resource))
        result.unexposed.push(`${r.method} ${r.resource}`);
    }
  }
  const version = JSON.parse(
    readFileSync(path.join(ROOT, 'layers', 'shared', 'package.json'), 'utf8'),
  ).version;
  const limits = apiLimits();
  const responses: JsonObject = {};
  for (const [status, description] of Object.entries(errorDescriptions(limits))) {
    responses[`E${status}`] = {
      description,
      ...(status === '429'
        ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  const document: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: 'AmIAnAI API',
      version,
      description:
        'Chat with personas, some played by people and some by AI, and guess which is which. JSON in and out; ' +
        'errors are `{ "error": { code, message, details?, requestId } }`; lists are `{ items, nextCursor }` ' +
        '(pass nextCursor back as `cursor`). Unknown fields and query parameters are rejected. Limits: request ' +
        `bodies at most ${limits.maxBodyBytes} bytes (413) and ${limits.maxBodyDepth} levels deep (400); at most ` +
        `${limits.writesPerMinute} writes per user in any ${WRITE_WINDOW_SECONDS} seconds, a sliding window (429 with Retry-After).`,
      'x-limits': {
        maxBodyBytes: limits.maxBodyBytes,
        maxBodyDepth: limits.maxBodyDepth,
        writesPerUserPerMinute: limits.writesPerMinute,
        writeWindowSeconds: WRITE_WINDOW_SECONDS,
      },
    },
    paths: sortedPaths,
    components: {
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses,
    },
  };
  return { ...result, document };
}

async function main(): Promise<void> {
  const { document, unserved, unexposed, missingFunctions } = await buildOpenApi();
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(document, null, 2)}\n`);
  // Keep the committed file in the repository's formatting so `biome check` stays clean.
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', OPENAPI_FILE], {
    stdio: 'ignore',
  });
  console.log(
    `wrote ${path.relative(ROOT, OPENAPI_FILE)} (${Object.keys(document.paths as JsonObject).length} paths)`,
  );
  // Imported here, not at the top: jest imports this module for buildOpenApi and cannot load openapi-typescript.
  const { API_TYPES_FILE, generateApiTypes } = await import('./api-types');
  writeFileSync(API_TYPES_FILE, await generateApiTypes(document));
  console.log(`wrote ${path.relative(ROOT, API_TYPES_FILE)}`);
  if (missingFunctions.length) console.warn(`no handler yet for: ${missingFunctions.join(', ')}`);
  for (const t of unserved) console.warn(`template route not served by its router: ${t.method} ${t.path}`);
  for (const r of unexposed) console.warn(`router route missing from template.yaml: ${r}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
