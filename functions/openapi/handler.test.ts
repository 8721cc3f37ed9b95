import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildOpenApi } from '../../scripts/openapi';
import { invoke } from '../../tests/support/fixtures';
import { handler } from './handler';
import committed from './openapi.json';

const ROOT = path.resolve(__dirname, '../..');

describe('GET /api/openapi.json', () => {
  it('serves the committed document without a token or a database', async () => {
    const res = await invoke(handler, { method: 'GET', resource: '/api/openapi.json' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(committed);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.headers['Cache-Control']).toBe('public, max-age=300');
  });
});

describe('the OpenAPI document', () => {
  let built: Awaited<ReturnType<typeof buildOpenApi>>;
  beforeAll(async () => {
    built = await buildOpenApi();
  });

  it('matches a fresh generation from the template and the routers (run `npm run openapi`)', () => {
    expect(committed).toEqual(built.document);
  });

  it('describes every route of the template that a function serves, and nothing else', () => {
    expect(built.unserved).toEqual([]);
    expect(built.unexposed).toEqual([]);
    expect(built.authMismatches).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', () => {
    const cli = path.join(
      ROOT,
      'node_modules',
      '@seriousme',
      'openapi-schema-validator',
      'bin',
      'validate-api-cli.js',
    );
    const run = spawnSync(process.execPath, [cli, path.join(__dirname, 'openapi.json')], {
      encoding: 'utf8',
    });
    expect(JSON.parse(run.stdout)).toEqual({ valid: true });
  });

  it('documents the personas and users routes with their bodies, responses and errors', () => {
    const paths = committed.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(paths['/api/personas/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    const update = paths['/api/personas/{id}']!.put!;
    expect(update).toMatchObject({
      operationId: 'updatePersona',
      security: [{ cognito: [] }],
      requestBody: { required: true },
    });
    expect(Object.keys(update.responses as object)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '415', '429', '500']),
    );
    expect(paths['/api/me']?.get).toMatchObject({ operationId: 'me' });
    expect(paths['/api/health']?.get).toMatchObject({ security: [] });
    const schemas = committed.components.schemas as Record<string, { properties?: object }>;
    expect(Object.keys(schemas.PersonaPublicView?.properties ?? {})).not.toContain('kind');
    expect(Object.keys(schemas.PersonaOwnerView?.properties ?? {})).toEqual(
      expect.arrayContaining(['kind', 'ai', 'ownerId', 'visibility', 'version']),
    );
  });
});
